import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { AGE_BANDS } from '../../domain/metrics/datasets';
import type { Org } from '../helpers/api-client';
import { startMetricMonthStack, stopMetricMonthStack, type MetricMonthStack } from './metric-month-stack';

const NOVEMBER = { from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' };
type Answer = { columns: string[]; rows: (string | number | null)[][] };

let started: MetricMonthStack | undefined, orgA: Org, orgB: Org;

/** Two rules that fired on the seeded tickets, and a revisit of the boiler's work order. */
async function seedAutomationAndRevisit(db: Db, orgId: string) {
  const [escalate, tagVip] = [randomUUID(), randomUUID()];
  await db('rules').insert([
    { org_id: orgId, id: escalate, position: 0, current_version: 2 },
    { org_id: orgId, id: tagVip, position: 1, current_version: 1 },
  ]);
  await db('rule_versions').insert([
    { org_id: orgId, rule_id: escalate, version: 1, definition: JSON.stringify({ name: 'Escalate (old name)' }) },
    { org_id: orgId, rule_id: escalate, version: 2, definition: JSON.stringify({ name: 'Escalate' }) },
    { org_id: orgId, rule_id: tagVip, version: 1, definition: JSON.stringify({ name: 'Tag VIP' }) },
  ]);
  const firing = (ruleId: string, version: number, ticket: number, created: string) => ({
    org_id: orgId, id: randomUUID(), rule_id: ruleId, rule_version: version, ticket_number: ticket, trigger_key: randomUUID(),
    event_type: 'ticket_created', chain_depth: 0, matched: '{}', actions: '[]', created_at: created,
  });
  await db('rule_firings').insert([
    firing(escalate, 1, 1, '2026-11-27T15:00:01Z'), firing(escalate, 2, 2, '2026-11-02T09:00:01Z'), firing(escalate, 2, 3, '2026-11-10T11:00:01Z'),
    firing(tagVip, 1, 1, '2026-11-27T15:00:02Z'),
  ]);
  const [asset] = await db('assets').where({ org_id: orgId }).select('id');
  // The boiler (work order 1, signed off on 5 November) needed another visit on the 20th.
  await db('work_orders').insert({ org_id: orgId, number: 4, title: 'WO 4', status: 'created', priority: 'normal', source: 'direct', asset_id: asset.id, created_at: '2026-11-20T08:00:00Z', updated_at: '2026-11-20T08:00:00Z' });
}

beforeAll(async () => {
  started = await startMetricMonthStack(seedAutomationAndRevisit);
  ({ orgA, orgB } = started);
});
afterAll(() => stopMetricMonthStack(started ?? {}));

async function chart(org: Org, body: Record<string, unknown>): Promise<Answer> {
  const answer = await org.api.post('/reports/query', { ...NOVEMBER, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function drill(org: Org, query: Record<string, unknown>, at: (string | number | null)[], accept?: string) {
  return org.api.post('/reports/drill-down', { query: { ...NOVEMBER, ...query }, at }, accept ? { accept } : {});
}

async function drilledRows(org: Org, query: Record<string, unknown>, at: (string | number | null)[]): Promise<Answer> {
  const answer = await drill(org, query, at);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('drill-down', () => {
  const charts: Record<string, unknown>[] = [
    { dataset: 'tickets', measures: ['count'], dimensions: ['day'] },
    { dataset: 'tickets', measures: ['count'], dimensions: ['team', 'tag'] },
    { dataset: 'tickets', measures: ['count'], dimensions: ['company', 'status'], filters: [{ op: 'eq', field: 'solved', value: false }] },
    { dataset: 'ticket_events', measures: ['count'], dimensions: ['week', 'to_status'] },
    { dataset: 'sla_clocks', measures: ['count'], dimensions: ['target', 'outcome'] },
    { dataset: 'work_orders', measures: ['count'], dimensions: ['technician', 'status'] },
    { dataset: 'ratings', measures: ['count'], dimensions: ['rating'] },
    { dataset: 'rule_firings', measures: ['count'], dimensions: ['rule', 'day'] },
  ];

  it('lists exactly as many records as the chart counted in the clicked group, for every group of every dataset', async () => {
    for (const query of charts) {
      const answer = await chart(orgA, query);
      expect(answer.rows.length).toBeGreaterThan(0);
      const dimensions = (query.dimensions as string[]).length;
      for (const row of answer.rows) {
        const records = await drilledRows(orgA, query, row.slice(0, dimensions));
        expect({ query, group: row, records: records.rows.length }).toEqual({ query, group: row, records: row[dimensions] });
      }
    }
  });

  it('names the tickets behind a bar: a day, a team by its name, "no team", a tag', async () => {
    const byDay = await drilledRows(orgA, { dataset: 'tickets', measures: ['count'], dimensions: ['day'] }, ['2026-11-02']);
    expect(byDay.columns).toEqual(['ticket', 'subject', 'status', 'priority', 'at']);
    expect(byDay.rows).toEqual([[2, '#2', 'open', 'normal', '2026-11-02T09:00:00Z']]);
    const numbers = async (dimensions: string[], at: (string | null)[]) =>
      (await drilledRows(orgA, { dataset: 'tickets', measures: ['count'], dimensions }, at)).rows.map((row) => row[0]);
    expect(await numbers(['team'], ['Alpha'])).toEqual([1, 2]);
    expect(await numbers(['team'], [null])).toEqual([3, 4]);
    expect(await numbers(['tag'], ['billing'])).toEqual([1, 2]);
    expect(await numbers(['tag'], [null])).toEqual([3, 4]);
    // Solved per day counts moves to solved: ticket 3 was solved twice on the 10th.
    const solved = await drilledRows(orgA, { dataset: 'ticket_events', measures: ['count'], dimensions: ['day'], filters: [{ op: 'eq', field: 'to_status', value: 'solved' }] }, ['2026-11-10']);
    expect(solved.rows.map((row) => row[0])).toEqual([3, 3]);
  });

  it('lists the work orders behind a technician, and the tickets a rule fired on', async () => {
    const wo = await drilledRows(orgA, { dataset: 'work_orders', measures: ['count'], dimensions: ['technician'] }, ['technician person']);
    expect(wo.columns[0]).toBe('work_order');
    expect(wo.rows.map((row) => row[0])).toEqual([2, 1]);
    const fired = await drilledRows(orgA, { dataset: 'rule_firings', measures: ['count'], dimensions: ['rule'] }, ['Escalate']);
    expect(fired.rows.map((row) => row[0])).toEqual([1, 3, 2]);
  });

  it('exports the clicked group as CSV with one line per record the chart counted', async () => {
    const query = { dataset: 'tickets', measures: ['count'], dimensions: ['team'] };
    const csv = await drill(orgA, query, ['Alpha'], 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="tickets-drill-down.csv"');
    const lines = (csv.body as string).trim().split(/\r?\n/);
    expect(lines[0]).toBe('ticket,subject,status,priority,at');
    const count = (await chart(orgA, query)).rows.find((row) => row[0] === 'Alpha')![1];
    expect(lines.length - 1).toBe(count);
  });

  it('never lists another org’s records: B’s team name finds nothing in A, and B sees its own', async () => {
    const query = { dataset: 'tickets', measures: ['count'], dimensions: ['team'] };
    expect((await drilledRows(orgA, query, ['B-Alpha'])).rows).toEqual([]);
    expect((await drilledRows(orgB, query, ['B-Alpha'])).rows.map((row) => row[0])).toEqual([1, 2]);
  });

  it('refuses a group that does not fit the query', async () => {
    const answer = await drill(orgA, { dataset: 'tickets', measures: ['count'], dimensions: ['day'] }, ['yesterday']);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/at/0');
  });
});

describe('the measures the dashboards added', () => {
  it('backlog age, first-time fix and most-fired rules by the rule’s current name', async () => {
    // Ages run from now: ticket 4 (31 October) is over 30 days old whenever this runs.
    const ages = (await chart(orgA, { dataset: 'tickets', measures: ['count'], dimensions: ['age'] })).rows;
    expect(ages.map((row) => row[0]).every((band) => AGE_BANDS.some((b) => b.label === band))).toBe(true);
    expect(ages.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(4);
    const old = await drilledRows(orgA, { dataset: 'tickets', measures: ['count'], dimensions: ['age'] }, ['over 30 days']);
    expect(old.rows.map((row) => row[0])).toContain(4);
    // Work order 1 was revisited within 30 days; 2 was not; 3 and 4 are not finished.
    expect((await chart(orgA, { dataset: 'work_orders', measures: ['rate:first_time_fix'] })).rows).toEqual([[0.5]]);
    expect((await chart(orgA, { dataset: 'rule_firings', measures: ['count'], dimensions: ['rule'] })).rows).toEqual([['Escalate', 3], ['Tag VIP', 1]]);
    expect((await chart(orgA, { dataset: 'ticket_events', measures: ['count'], dimensions: ['to_status'] })).rows).toEqual([['open', 1], ['solved', 3], [null, 6]]);
  });
});
