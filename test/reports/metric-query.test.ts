import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { compileMetricQuery } from '../../db/metrics/compile';
import { withTenant } from '../../db/tenant';
import { MetricQuery, planMetricQuery } from '../../domain/metrics/query';
import { addMember, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { startMetricMonthStack, stopMetricMonthStack, type MetricMonthStack } from './metric-month-stack';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOVEMBER = { from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' };

let started: MetricMonthStack | undefined, stack: TestStack, app: Db, orgA: Org, orgB: Org;

beforeAll(async () => {
  started = await startMetricMonthStack();
  ({ stack, app, orgA, orgB } = started);
});
afterAll(() => stopMetricMonthStack(started ?? {}));

const query = (org: Org, body: Record<string, unknown>, accept?: string) =>
  org.api.post('/reports/query', { ...NOVEMBER, ...body }, accept ? { accept } : {});

async function rows(body: Record<string, unknown>) {
  const answer = await query(orgA, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { columns: string[]; rows: unknown[][] };
}

describe('the metric layer on a hand-counted month', () => {
  it('counts tickets by team and their business-time durations, a weekend in between', async () => {
    const answer = await rows({
      dataset: 'tickets',
      measures: ['count', 'avg:first_response_seconds', 'median:first_response_seconds', 'p90:first_response_seconds', 'sum:resolution_seconds'],
      dimensions: ['team'],
    });
    expect(answer.columns).toEqual(['team', 'count', 'avg:first_response_seconds', 'median:first_response_seconds', 'p90:first_response_seconds', 'sum:resolution_seconds']);
    // Alpha: #1 answered after 2 office hours (Fri 16–17, Mon 9–10), resolved after 3; #2 after 30 min.
    // No team: #3 answered after 90 min; #4 not answered (its clock-less ticket counts, its duration does not).
    expect(answer.rows).toEqual([
      ['Alpha', 2, 4500, 4500, 6660, 10800],
      [null, 2, 5400, 5400, 5400, null],
    ]);
  });

  it('takes the range and the time buckets in the report’s time zone', async () => {
    const paris = await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['channel'] });
    expect(paris.rows).toEqual([['email', 2], ['phone', 1], ['web', 1]]);
    const utc = await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['channel'], timeZone: 'UTC' });
    expect(utc.rows).toEqual([['chat', 1], ['email', 2], ['web', 1]]);
    const days = await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['day'] });
    expect(days.rows).toEqual([['2026-11-01', 1], ['2026-11-02', 1], ['2026-11-10', 1], ['2026-11-27', 1]]);
    const weeks = await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['week'] });
    expect(weeks.rows).toEqual([['2026-10-26', 1], ['2026-11-02', 1], ['2026-11-09', 1], ['2026-11-23', 1]]);
  });

  it('rates, tags, companies and filters', async () => {
    expect((await rows({ dataset: 'tickets', measures: ['rate:solved', 'rate:reopened', 'rate:sla_breached'] })).rows).toEqual([[0.5, 0.25, 0.25]]);
    expect((await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['tag'] })).rows).toEqual([['billing', 2], ['vip', 1], [null, 2]]);
    expect((await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['company'] })).rows).toEqual([['Acme', 1], [null, 3]]);
    const vip = await rows({ dataset: 'tickets', measures: ['count'], filters: [{ op: 'eq', field: 'tag', value: 'vip' }] });
    expect(vip.rows).toEqual([[1]]);
    const untagged = await rows({ dataset: 'tickets', measures: ['count'], filters: [{ op: 'eq', field: 'tag', value: null }] });
    expect(untagged.rows).toEqual([[2]]);
    const urgentOrHigh = await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['priority'], filters: [{ op: 'in', field: 'priority', values: ['high', 'urgent'] }] });
    expect(urgentOrHigh.rows).toEqual([['high', 1]]);
    const quick = await rows({ dataset: 'tickets', measures: ['count'], filters: [{ op: 'range', field: 'first_response_seconds', from: 1800, to: 5400 }, { op: 'eq', field: 'solved', value: true }] });
    expect(quick.rows).toEqual([[1]]);
  });

  it('SLA clocks: compliance per target from the recorded clocks', async () => {
    const answer = await rows({ dataset: 'sla_clocks', measures: ['count', 'rate:within_target', 'avg:business_seconds'], dimensions: ['target'] });
    // first response: met 2, breached 1; resolution: met 1 (3 h), paused 1 (1 h).
    expect(answer.rows).toEqual([['first_response', 3, 2 / 3, 4800], ['resolution', 2, 1, 7200]]);
    expect((await rows({ dataset: 'sla_clocks', measures: ['count'], dimensions: ['outcome', 'policy'] })).rows)
      .toEqual([['breached', 'Office', 1], ['met', 'Office', 3], ['open', 'Office', 1]]);
  });

  it('timeline events by type and actor, work orders and ratings', async () => {
    expect((await rows({ dataset: 'ticket_events', measures: ['count'], dimensions: ['type'] })).rows).toEqual([['created', 4], ['replied', 2], ['status_changed', 4]]);
    expect((await rows({ dataset: 'ticket_events', measures: ['count'], dimensions: ['actor'] })).rows).toEqual([['agent person', 6], [null, 4]]);
    expect((await rows({ dataset: 'work_orders', measures: ['count', 'rate:completed', 'rate:on_time_arrival', 'avg:on_site_seconds', 'median:completion_seconds'] })).rows)
      .toEqual([[3, 2 / 3, 0.5, 4500, 12600]]);
    expect((await rows({ dataset: 'work_orders', measures: ['count'], dimensions: ['technician', 'company'] })).rows)
      .toEqual([['technician person', 'Acme', 1], ['technician person', null, 1], [null, null, 1]]);
    expect((await rows({ dataset: 'ratings', measures: ['count', 'avg:rating', 'rate:satisfied'], dimensions: ['technician'] })).rows)
      .toEqual([['technician person', 2, 4, 0.5]]);
  });
});

describe('tenancy', () => {
  it('a report counts only its own org, and the other org sees the same month of its own', async () => {
    const mine = await rows({ dataset: 'tickets', measures: ['count'], dimensions: ['team'] });
    const theirs = await query(orgB, { dataset: 'tickets', measures: ['count'], dimensions: ['team'] });
    expect(mine.rows).toEqual([['Alpha', 2], [null, 2]]);
    expect(theirs.body.rows).toEqual([['B-Alpha', 2], [null, 2]]);
  });

  it('row-level security hides the other org even from a statement that asks for it, or for no org at all', async () => {
    const plan = planMetricQuery(MetricQuery.parse({ dataset: 'tickets', measures: ['count'], ...NOVEMBER }));
    const askedForB = await withTenant(app, { orgId: orgA.orgId }, (trx) => compileMetricQuery(trx, orgB.orgId, plan));
    expect(askedForB).toEqual([{ m0: 0 }]);
    // The same statement with its org predicate dropped: RLS alone scopes it to A.
    const unfiltered = await withTenant(app, { orgId: orgA.orgId }, async (trx) => {
      const { sql, bindings } = compileMetricQuery(trx, orgA.orgId, plan).toSQL();
      const [orgPredicate, ...rest] = bindings;
      expect(orgPredicate).toBe(orgA.orgId);
      return (await trx.raw(sql.replace('t.org_id = ?', 'true'), rest)).rows;
    });
    expect(unfiltered).toEqual([{ m0: 4 }]);
  });
});

describe('exports', () => {
  const body = { dataset: 'tickets', measures: ['count', 'rate:solved', 'avg:first_response_seconds'], dimensions: ['week', 'team'] };

  it('the CSV and the XLSX hold exactly the JSON rows', async () => {
    const json = await query(orgA, body);
    expect(json.status).toBe(200);
    expect(json.body.rows.length).toBe(4);

    const csv = await query(orgA, body, 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="tickets-report.csv"');
    const [header, ...lines] = parseCsv(csv.body as string);
    expect(header).toEqual(json.body.columns);
    expect(lines).toEqual(json.body.rows.map((row: unknown[]) => row.map((value) => (value === null ? '' : String(value)))));

    const response = await fetch(`${stack.url}/api/v1/reports/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: XLSX, authorization: `Bearer ${orgA.api.token}` },
      body: JSON.stringify({ ...NOVEMBER, ...body }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('tickets')!;
    const cells: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      cells.push(Array.from({ length: json.body.columns.length }, (_, i) => row.getCell(i + 1).value ?? null));
    });
    expect(cells).toEqual([json.body.columns, ...json.body.rows]);
  });
});

describe('bad input', () => {
  it('answers 400 problem+json pointing at the unknown name or the backwards range', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ dataset: 'invoices', measures: ['count'] }, '/dataset'],
      [{ dataset: 'tickets', measures: ['avg:rating'] }, '/measures/0'],
      [{ dataset: 'tickets', measures: ['count'], dimensions: ['technician'] }, '/dimensions/0'],
      [{ dataset: 'tickets', measures: ['count'], filters: [{ op: 'eq', field: 'subject', value: 'x' }] }, '/filters/0/field'],
      [{ dataset: 'tickets', measures: ['count'], from: '2026-12-01', to: '2026-11-01' }, '/to'],
      [{ dataset: 'tickets', measures: ['count'], timeZone: 'Mars/Base' }, '/timeZone'],
    ];
    for (const [body, pointer] of cases) {
      const answer = await query(orgA, body);
      expect({ body, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ body, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(answer.body.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
    }
  });

  it('refuses an Accept it cannot answer, and members below agent', async () => {
    const png = await query(orgA, { dataset: 'tickets', measures: ['count'] }, 'image/png');
    expect(png.status).toBe(406);
    expect(png.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const customer = await addMember(orgA, 'customer');
    const refused = await customer.api.post('/reports/query', { ...NOVEMBER, dataset: 'tickets', measures: ['count'] });
    expect(refused.status).toBe(403);
  });
});

/** RFC 4180, enough for the export: quoted fields, doubled quotes, CRLF or LF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (char === '"') quoted = false; else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(field); field = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
