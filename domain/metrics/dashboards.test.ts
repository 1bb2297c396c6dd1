import { describe, expect, it } from 'vitest';
import { ALL_TIME_FROM, DASHBOARDS, seriesQuery } from './dashboards';
import { DrillDownRequest, planDrillDown } from './drill-down';
import { MetricQuery, planMetricQuery } from './query';

const range = { from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' };
const widgets = DASHBOARDS.flatMap((dashboard) => dashboard.widgets.map((widget) => ({ dashboard: dashboard.id, widget })));

describe('the prebuilt dashboards', () => {
  it('ask only queries the metric layer accepts', () => {
    for (const { dashboard, widget } of widgets) {
      for (const series of widget.series) {
        const result = MetricQuery.safeParse(seriesQuery(widget, series, range));
        expect({ dashboard, widget: widget.id, series: series.label, issues: result.error?.issues ?? [] }).toEqual({ dashboard, widget: widget.id, series: series.label, issues: [] });
      }
    }
  });

  it('give widget ids unique within a dashboard, and series of one widget the same first dimension', () => {
    for (const dashboard of DASHBOARDS) {
      expect(new Set(dashboard.widgets.map((w) => w.id)).size).toBe(dashboard.widgets.length);
      for (const widget of dashboard.widgets) {
        expect(new Set(widget.series.map((s) => s.query.dimensions?.[0] ?? null)).size).toBe(1);
      }
    }
  });

  it('count a backlog from all time up to the range’s end, other widgets over the range', () => {
    const support = DASHBOARDS.find((d) => d.id === 'support')!;
    const backlog = support.widgets.find((w) => w.id === 'backlog-status')!;
    expect(seriesQuery(backlog, backlog.series[0], range)).toMatchObject({ from: ALL_TIME_FROM, to: '2026-12-01' });
    const created = support.widgets.find((w) => w.id === 'created-vs-solved')!;
    expect(seriesQuery(created, created.series[1]!, range)).toMatchObject({ dataset: 'ticket_events', from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' });
  });

  it('cover support, field service and automation', () => {
    expect(DASHBOARDS.map((d) => d.id)).toEqual(['support', 'field-service', 'automation']);
    const datasets = new Set(widgets.flatMap(({ widget }) => widget.series.map((s) => s.query.dataset)));
    expect([...datasets].sort()).toEqual(['ratings', 'rule_firings', 'sla_clocks', 'ticket_events', 'tickets', 'work_orders']);
  });
});

describe('the new names', () => {
  it('offer the backlog age, the status moved to, first-time fix and rule firings', () => {
    const plan = planMetricQuery(MetricQuery.parse({ ...range, dataset: 'tickets', measures: ['count'], dimensions: ['age'] }));
    expect(plan.dimensions).toEqual([{ name: 'age', dimension: { kind: 'category', field: 'age' } }]);
    expect(MetricQuery.safeParse({ ...range, dataset: 'ticket_events', measures: ['count'], filters: [{ op: 'eq', field: 'to_status', value: 'solved' }] }).success).toBe(true);
    expect(MetricQuery.safeParse({ ...range, dataset: 'work_orders', measures: ['rate:first_time_fix'] }).success).toBe(true);
    expect(MetricQuery.safeParse({ ...range, dataset: 'rule_firings', measures: ['count'], dimensions: ['rule', 'event_type'] }).success).toBe(true);
    // A rule firing has no number to average.
    expect(MetricQuery.safeParse({ ...range, dataset: 'rule_firings', measures: ['avg:rating'] }).success).toBe(false);
  });
});

describe('a drill-down request', () => {
  const query = { ...range, dataset: 'tickets', measures: ['count'], dimensions: ['day', 'team'] };

  it('takes one value per dimension, a bucket as its start date, a missing group as null', () => {
    const parsed = DrillDownRequest.parse({ query, at: ['2026-11-02', null] });
    const drill = planDrillDown(parsed);
    expect(drill.at).toEqual(['2026-11-02', null]);
    expect(drill.limit).toBe(200);
    expect(drill.plan.dimensions.map((d) => d.name)).toEqual(['day', 'team']);
  });

  it('refuses a value count that does not match the dimensions, and a bucket that is not a date', () => {
    const paths = (input: unknown) => DrillDownRequest.safeParse(input).error?.issues.map((i) => i.path.join('/'));
    expect(paths({ query, at: ['2026-11-02'] })).toEqual(['at']);
    expect(paths({ query, at: ['Monday', 'Alpha'] })).toEqual(['at/0']);
    expect(paths({ query, at: [null, 'Alpha'] })).toEqual(['at/0']);
    expect(paths({ query: { ...query, dimensions: [] }, at: [], limit: 5000 })).toEqual(['limit']);
  });
});
