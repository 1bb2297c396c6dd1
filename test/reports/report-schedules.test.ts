import ExcelJS from 'exceljs';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportScheduleClient } from '../../clients/report-schedule-client';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { DASHBOARDS } from '../../domain/metrics/dashboards';
import { accountMailSink, type AccountMailSink } from '../helpers/account-mail';
import { addMember, type Member, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { readPdf } from '../field-service/pdf';
import { startMetricMonthStack, stopMetricMonthStack, type MetricMonthStack } from './metric-month-stack';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOVEMBER = { from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' };
const QUERY = { dataset: 'tickets', measures: ['count', 'rate:solved'], dimensions: ['channel'], ...NOVEMBER };

let started: MetricMonthStack | undefined, stack: TestStack, owner: Db, app: Db, orgA: Org, orgB: Org, agentA: Member, sink: AccountMailSink;
let reportA: string;

beforeAll(async () => {
  // The worker mails scheduled reports through the service reports' relay: the run's real SMTP sink.
  sink = await accountMailSink();
  process.env.KEEL_REPORT_SMTP_URL = sink.url;
  started = await startMetricMonthStack(undefined, { worker: true });
  ({ stack, owner, app, orgA, orgB } = started);
  agentA = await addMember(orgA, 'agent');
  // The saved report keeps its own range (rangeDays null), so its numbers are November's whenever it runs.
  const saved = await orgA.api.post('/reports/saved', { name: 'Channels in November', shared: true, chart: 'bar', rangeDays: null, query: QUERY });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  reportA = saved.body.id;
});
afterAll(async () => {
  await stopMetricMonthStack(started ?? {});
  delete process.env.KEEL_REPORT_SMTP_URL;
});

const schedule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Monday channels', source: { kind: 'saved', reportId: reportA }, format: 'pdf',
  recipients: [`lead-${Date.now()}@example.com`], cadence: { every: 'daily', at: '08:15' }, timeZone: 'Europe/Paris', ...overrides,
});

const describeSchedule = (id: string) => stack.temporal.schedule.getHandle(id).describe();
const auditActions = async (orgId: string, id: string) =>
  (await owner('audit_log').where({ org_id: orgId, entity_id: id }).orderBy('id').select('action')).map((row: { action: string }) => row.action);

async function queryRows(): Promise<{ columns: string[]; rows: unknown[][] }> {
  const answer = await orgA.api.post('/reports/query', QUERY);
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('scheduled reports over the API', () => {
  it('creates, edits, pauses, resumes and deletes a schedule, each step on its Temporal Schedule and in the audit log', async () => {
    const made = await orgA.api.post('/reports/schedules', schedule());
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    expect(made.body).toMatchObject({
      name: 'Monday channels', format: 'pdf', paused: false, timeZone: 'Europe/Paris',
      description: 'Daily at 08:15 (Europe/Paris)', scheduleId: `${orgA.orgId}/report/${id}`, lastRunAt: null,
    });
    expect(made.body.nextRuns.length).toBeGreaterThan(0);
    // 08:15 in Paris is 07:15 UTC in winter.
    expect(made.body.nextRuns[0]).toMatch(/T07:15:00\.000Z$/);
    let temporal = await describeSchedule(made.body.scheduleId);
    expect(temporal.spec.timezone).toBe('Europe/Paris');
    expect(temporal.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 8, end: 8 }], minute: [{ start: 15, end: 15 }] });

    const edited = await orgA.api.patch(`/reports/schedules/${id}`, { cadence: { every: 'weekly', at: '18:00', weekday: 'monday' }, timeZone: 'America/New_York', format: 'xlsx' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ format: 'xlsx', description: 'Weekly on Monday at 18:00 (America/New_York)' });
    expect(new Date(edited.body.nextRuns[0]).getUTCDay()).toBe(1);
    temporal = await describeSchedule(made.body.scheduleId);
    expect(temporal.spec.timezone).toBe('America/New_York');
    expect(temporal.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 18, end: 18 }], dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY' }] });

    const paused = await orgA.api.post(`/reports/schedules/${id}/pause`);
    expect(paused.body).toMatchObject({ paused: true, nextRuns: [] });
    expect((await describeSchedule(made.body.scheduleId)).state.paused).toBe(true);
    const resumed = await orgA.api.post(`/reports/schedules/${id}/resume`);
    expect(resumed.body.paused).toBe(false);
    expect((await describeSchedule(made.body.scheduleId)).state.paused).toBe(false);

    expect((await orgA.api.get('/reports/schedules')).body.data.map((s: { id: string }) => s.id)).toContain(id);
    expect((await orgA.api.delete(`/reports/schedules/${id}`)).status).toBe(204);
    await expect(describeSchedule(made.body.scheduleId)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await orgA.api.get(`/reports/schedules/${id}`)).status).toBe(404);
    expect(await auditActions(orgA.orgId, id)).toEqual([
      'report_schedule.created', 'report_schedule.updated', 'report_schedule.paused', 'report_schedule.resumed', 'report_schedule.deleted',
    ]);
  });

  it('refuses a bad cadence, a report the caller cannot see, and agents changing schedules (they may read them)', async () => {
    const bad = await orgA.api.post('/reports/schedules', schedule({ cadence: { every: 'monthly', at: '08:00', dayOfMonth: 31 } }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/cadence/dayOfMonth');
    expect((await orgA.api.post('/reports/schedules', schedule({ recipients: ['not-an-address'] }))).status).toBe(400);
    expect((await agentA.api.post('/reports/schedules', schedule())).status).toBe(403);
    expect((await agentA.api.get('/reports/schedules')).status).toBe(200);
    const foreign = await orgB.api.post('/reports/schedules', schedule());
    expect(foreign.status).toBe(422);
    expect(foreign.body.type).toMatch(/unknown-report$/);
  });

  it('creating the same row’s Temporal Schedule twice makes one schedule', async () => {
    const made = await orgA.api.post('/reports/schedules', schedule({ name: 'Twice' }));
    const client = reportScheduleClient({ temporal: stack.temporal, taskQueue: stack.taskQueue });
    await client.create({ orgId: orgA.orgId, id: made.body.id, name: 'Twice', cadence: { every: 'daily', at: '09:45' }, timeZone: 'UTC', paused: false });
    const temporal = await describeSchedule(made.body.scheduleId);
    expect(temporal.spec.calendars).toHaveLength(1);
    expect(temporal.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 9, end: 9 }], minute: [{ start: 45, end: 45 }] });
    expect((await orgA.api.delete(`/reports/schedules/${made.body.id}`)).status).toBe(204);
  });
});

describe('tenancy', () => {
  it('another org neither sees nor changes a schedule, and a statement forgetting its org filter sees only its own org', async () => {
    const a = await orgA.api.post('/reports/schedules', schedule({ name: 'A only' }));
    const b = await orgB.api.post('/reports/schedules', schedule({ name: 'B only', source: { kind: 'dashboard', dashboardId: 'support' } }));
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    const id = a.body.id as string;
    expect((await orgB.api.get('/reports/schedules')).body.data.map((s: { name: string }) => s.name)).toEqual(['B only']);
    expect((await orgB.api.get(`/reports/schedules/${id}`)).status).toBe(404);
    expect((await orgB.api.patch(`/reports/schedules/${id}`, { name: 'Taken' })).status).toBe(404);
    expect((await orgB.api.post(`/reports/schedules/${id}/pause`)).status).toBe(404);
    expect((await orgB.api.post(`/reports/schedules/${id}/send`)).status).toBe(404);
    expect((await orgB.api.delete(`/reports/schedules/${id}`)).status).toBe(404);
    expect((await orgA.api.get(`/reports/schedules/${id}`)).body).toMatchObject({ name: 'A only', paused: false });

    const seen = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx('report_schedules').select('name', 'org_id'));
    expect(seen).toEqual([{ name: 'B only', org_id: orgB.orgId }]);
    expect(await app.transaction((trx) => trx('report_schedules').select('id'))).toEqual([]);
    await orgA.api.delete(`/reports/schedules/${id}`);
    await orgB.api.delete(`/reports/schedules/${b.body.id}`);
  });
});

const attachmentOf = (mail: ParsedMail) => {
  expect(mail.attachments).toHaveLength(1);
  return mail.attachments[0]!;
};

describe('mailing', () => {
  it('"send now" mails the PDF to every recipient: title, range and exactly the query’s numbers', async () => {
    const recipients = [`first-${Date.now()}@example.com`, `second-${Date.now()}@example.com`];
    const made = await orgA.api.post('/reports/schedules', schedule({ name: 'PDF now', recipients, paused: true }));
    const sent = await orgA.api.post(`/reports/schedules/${made.body.id}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ mailed: true, recipients, range: { from: '2026-11-01', to: '2026-12-01' } });

    const mail = await sink.messageTo(recipients[1]!, (m) => (m.subject ?? '').startsWith('PDF now'));
    expect([mail.to].flat().flatMap((to) => to!.value.map((v) => v.address))).toEqual(recipients);
    const file = attachmentOf(mail);
    expect(file.contentType).toBe('application/pdf');
    expect(file.filename).toBe('channels-in-november-2026-11-01-2026-12-01.pdf');
    expect(file.content.subarray(0, 7).toString('latin1')).toBe('%PDF-1.');
    const text = (await readPdf(new Uint8Array(file.content))).text.replace(/\s+/g, ' ');
    expect(text).toContain('Channels in November');
    const json = await queryRows();
    expect(json.rows.length).toBeGreaterThan(1);
    for (const row of json.rows) expect(text).toContain(row.map((v) => (typeof v === 'number' && !Number.isInteger(v) ? String(Math.round(v * 10_000) / 10_000) : String(v))).join(' '));

    const row = (await orgA.api.get(`/reports/schedules/${made.body.id}`)).body;
    expect(row.lastRunAt).not.toBeNull();
    expect(row.lastRunError).toBeNull();
    expect(await auditActions(orgA.orgId, made.body.id)).toContain('report_schedule.sent');
  });

  it('the Temporal Schedule’s own action (triggered) mails the XLSX with the query’s rows', async () => {
    const recipient = `xlsx-${Date.now()}@example.com`;
    const made = await orgA.api.post('/reports/schedules', schedule({ name: 'XLSX on schedule', format: 'xlsx', recipients: [recipient] }));
    await stack.temporal.schedule.getHandle(made.body.scheduleId).trigger();
    const mail = await sink.messageTo(recipient, (m) => (m.subject ?? '').startsWith('XLSX on schedule'), 45_000);
    const file = attachmentOf(mail);
    expect(file.contentType).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as never);
    const sheet = workbook.worksheets[0]!;
    const json = await queryRows();
    const cells: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (r) => cells.push(json.columns.map((_, i) => r.getCell(i + 1).value ?? null)));
    expect(cells).toEqual([json.columns, ...json.rows]);
  });

  it('a dashboard mails one worksheet per widget series', async () => {
    const recipient = `dash-${Date.now()}@example.com`;
    const made = await orgA.api.post('/reports/schedules', schedule({ name: 'Support weekly', format: 'xlsx', recipients: [recipient], source: { kind: 'dashboard', dashboardId: 'support' } }));
    const sent = await orgA.api.post(`/reports/schedules/${made.body.id}/send`);
    expect(sent.body.mailed).toBe(true);
    const mail = await sink.messageTo(recipient);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachmentOf(mail).content as never);
    const support = DASHBOARDS.find((d) => d.id === 'support')!;
    expect(workbook.worksheets.length).toBe(support.widgets.reduce((n, w) => n + w.series.length, 0));
    expect(workbook.worksheets[0]!.name).toMatch(/^Created vs solved per day/);
  });

  it('deleting the saved report deletes its schedules and their Temporal Schedules', async () => {
    const saved = await orgA.api.post('/reports/saved', { name: 'Short-lived', shared: true, chart: 'table', rangeDays: 7, query: QUERY });
    const made = await orgA.api.post('/reports/schedules', schedule({ name: 'Goes with it', source: { kind: 'saved', reportId: saved.body.id } }));
    expect((await orgA.api.delete(`/reports/saved/${saved.body.id}`)).status).toBe(204);
    expect((await orgA.api.get(`/reports/schedules/${made.body.id}`)).status).toBe(404);
    await expect(describeSchedule(made.body.scheduleId)).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
