import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import type { Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { readPdf } from '../field-service/pdf';

/** The PDF's words, one space between (pdfjs gives each drawn cell as its own item). */
const pdfText = async (bytes: Uint8Array) => (await readPdf(bytes)).text.replace(/\s+/g, ' ');
import { startMetricMonthStack, stopMetricMonthStack, type MetricMonthStack } from './metric-month-stack';

const NOVEMBER = { from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' };
/** Tickets with a tag each: more groups than a PDF's table lists. */
const MANY = 1_050;

let started: MetricMonthStack | undefined, stack: TestStack, orgA: Org;

async function seedTagged(owner: Db, orgId: string) {
  const contact = randomUUID();
  await owner('contacts').insert({ org_id: orgId, id: contact, email: `${randomUUID()}@example.com` });
  const rows = Array.from({ length: MANY }, (_, i) => ({
    org_id: orgId, number: 10_000 + i, subject: `bulk ${i}`, description: '', status: 'open', priority: 'low', channel: 'web',
    requester_id: contact, tags: [`bulk-${String(i).padStart(4, '0')}`], created_at: '2026-11-15T12:00:00Z', updated_at: '2026-11-15T12:00:00Z',
  }));
  for (let i = 0; i < rows.length; i += 500) await owner('tickets').insert(rows.slice(i, i + 500));
}

beforeAll(async () => {
  started = await startMetricMonthStack(seedTagged);
  ({ stack, orgA } = started);
});
afterAll(() => stopMetricMonthStack(started ?? {}));

async function post(body: Record<string, unknown>, accept: string, search = '') {
  return fetch(`${stack.url}/api/v1/reports/query${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${orgA.api.token}` },
    body: JSON.stringify({ ...NOVEMBER, ...body }),
  });
}

/** A cell as the PDF prints it, written out here on its own: integers as they are, else four decimals at most. */
const printed = (value: unknown) => (value === null ? '' : typeof value === 'number' && !Number.isInteger(value) ? String(Math.round(value * 10_000) / 10_000) : String(value));

describe('a report query as a PDF', () => {
  const body = {
    dataset: 'tickets', measures: ['count', 'rate:solved'], dimensions: ['team', 'priority'],
    filters: [{ op: 'in', field: 'priority', values: ['high', 'normal', 'urgent'] }],
  };

  it('is a valid PDF with the title, the filters, a drawn chart and exactly the JSON rows', async () => {
    const json = (await (await post(body, 'application/json')).json()) as { columns: string[]; rows: unknown[][] };
    expect(json.rows.length).toBeGreaterThan(1);

    const response = await post(body, 'application/pdf', '?title=Tickets%20by%20team&chart=stacked');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tickets-report.pdf"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.startsWith('%PDF-1.')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    const text = await pdfText(bytes);
    expect(text).toContain('Tickets by team');
    expect(text).toContain('Filters: priority in high, normal, urgent');
    expect(text).toContain('from 2026-11-01 to 2026-12-01 (Europe/Paris');
    // The chart, drawn before the table: its legend (the second dimension's values), value axis and groups.
    expect(text).toContain('urgent high normal 0 0.5 1 1.5 2 Alpha (none) team priority');
    expect(text).toContain(json.columns.join(' '));
    for (const row of json.rows) expect(text).toContain(row.map(printed).filter((cell) => cell !== '').join(' '));
    expect(text).toContain(`${json.rows.length} rows.`);
  });

  it('a number chart prints the measure; without dimensions the default chart is the number', async () => {
    const query = { dataset: 'tickets', measures: ['count'], filters: [{ op: 'eq', field: 'channel', value: 'email' }] };
    const json = (await (await post(query, 'application/json')).json()) as { rows: unknown[][] };
    const text = await pdfText(new Uint8Array(await (await post(query, 'application/pdf')).arrayBuffer()));
    expect(text).toContain('tickets report');
    expect(text).toContain('Filters: channel = email');
    // Once as the big number, once in the table.
    expect(text.split(`${json.rows[0]![0]}`).length - 1).toBeGreaterThanOrEqual(2);
  });

  it('stops the table at 1,000 rows and says so; the rows it lists are the first thousand of the answer', async () => {
    const query = { dataset: 'tickets', measures: ['count'], dimensions: ['tag'] };
    const json = (await (await post(query, 'application/json')).json()) as { rows: unknown[][] };
    expect(json.rows.length).toBeGreaterThan(1_000);
    const text = await pdfText(new Uint8Array(await (await post(query, 'application/pdf', '?chart=bar')).arrayBuffer()));
    expect(text).toContain('The table stops at 1,000 rows; the CSV or XLSX export holds every row.');
    expect(text).toContain('The chart shows the first 100 groups');
    expect(text).toContain(json.rows[999]!.map(printed).join(' '));
    expect(text).not.toContain(String(json.rows[1_000]![0]));
  });

  it('answers 406 for a type it does not make, and keeps refusing a bad chart name', async () => {
    expect((await post(body, 'image/png')).status).toBe(406);
    const bad = await post(body, 'application/pdf', '?chart=radar');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
