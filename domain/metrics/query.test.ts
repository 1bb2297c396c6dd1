import { describe, expect, it } from 'vitest';
import { MetricQuery, columnsOf, measureNames, planMetricQuery } from './index';

const parse = (input: unknown) => MetricQuery.safeParse(input);
const issues = (input: unknown) => {
  const result = parse(input);
  if (result.success) throw new Error('expected the query to be refused');
  return result.error.issues.map((issue) => ({ path: issue.path.join('/'), message: issue.message }));
};

const base = { dataset: 'tickets', measures: ['count'], from: '2026-11-01', to: '2026-12-01' };

describe('the metric query schema and plan', () => {
  it('plans a query: dimensions in order, measures taken apart, date-only range at local midnight', () => {
    const result = parse({
      ...base,
      measures: ['count', 'median:first_response_seconds', 'rate:solved'],
      dimensions: ['week', 'team'],
      filters: [{ op: 'in', field: 'priority', values: ['high', 'urgent'] }, { op: 'eq', field: 'solved', value: true }, { op: 'range', field: 'resolution_seconds', to: 3600 }],
      timeZone: 'Europe/Berlin',
    });
    expect(result.success).toBe(true);
    const plan = planMetricQuery(result.data!);
    expect(plan.dimensions).toEqual([
      { name: 'week', dimension: { kind: 'bucket', bucket: 'week' } },
      { name: 'team', dimension: { kind: 'category', field: 'team' } },
    ]);
    expect(plan.measures.map((m) => m.measure)).toEqual([{ kind: 'count' }, { kind: 'median', field: 'first_response_seconds' }, { kind: 'rate', flag: 'solved' }]);
    expect(plan.filters[2]).toEqual({ op: 'range', field: 'resolution_seconds', from: null, to: 3600 });
    // Berlin is UTC+1 in November.
    expect(new Date(plan.from).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(new Date(plan.to).toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(columnsOf(plan)).toEqual(['week', 'team', 'count', 'median:first_response_seconds', 'rate:solved']);
  });

  it('takes a date-time range with its own offset, whatever the time zone', () => {
    const plan = planMetricQuery(parse({ ...base, from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', timeZone: 'Europe/Berlin' }).data!);
    expect(plan.to - plan.from).toBe(23 * 3_600_000);
  });

  it('finds local midnight on the day a zone moves its clocks', () => {
    const plan = planMetricQuery(parse({ ...base, from: '2026-03-29', to: '2026-03-30', timeZone: 'Europe/Berlin' }).data!);
    expect(new Date(plan.from).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(plan.to).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('offers each dataset only its own measures', () => {
    expect(measureNames('ticket_events')).toEqual(['count']);
    expect(measureNames('ratings')).toEqual(['count', 'sum:rating', 'avg:rating', 'median:rating', 'p90:rating', 'rate:satisfied']);
  });

  it('refuses names that are not in the dataset, with a pointer to each', () => {
    expect(issues({ ...base, dataset: 'invoices' })[0]?.path).toBe('dataset');
    expect(issues({ ...base, measures: ['avg:rating'] })).toEqual([{ path: 'measures/0', message: expect.stringMatching(/^Not a measure of tickets/) }]);
    expect(issues({ ...base, dimensions: ['technician'] })[0]?.path).toBe('dimensions/0');
    expect(issues({ ...base, filters: [{ op: 'range', field: 'priority', from: 1 }] })[0]?.path).toBe('filters/0/field');
    expect(issues({ ...base, measures: [] })[0]?.path).toBe('measures');
  });

  it('refuses a backwards or empty range, two time buckets, repeated names and ill-typed filter values', () => {
    expect(issues({ ...base, from: '2026-12-01', to: '2026-11-01' })).toEqual([{ path: 'to', message: 'from must be before to.' }]);
    expect(issues({ ...base, from: '2026-12-01', to: '2026-12-01' })[0]?.path).toBe('to');
    expect(issues({ ...base, dimensions: ['day', 'month'] })[0]?.message).toMatch(/one time bucket/);
    expect(issues({ ...base, measures: ['count', 'count'] })[0]?.message).toMatch(/twice/);
    expect(issues({ ...base, filters: [{ op: 'eq', field: 'solved', value: 'yes' }] })[0]?.path).toBe('filters/0/value');
    expect(issues({ ...base, filters: [{ op: 'eq', field: 'status', value: true }] })[0]?.path).toBe('filters/0/value');
    expect(issues({ ...base, filters: [{ op: 'range', field: 'resolution_seconds' }] })[0]?.path).toBe('filters/0/from');
    expect(issues({ ...base, filters: [{ op: 'like', field: 'status', value: '%' }] })[0]?.path).toBe('filters/0/op');
    expect(issues({ ...base, timeZone: 'Mars/Base' })[0]?.path).toBe('timeZone');
  });
});
