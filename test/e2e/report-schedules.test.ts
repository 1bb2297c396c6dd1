import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../field-service/pdf';
import { accountMailSink, type AccountMailSink } from '../helpers/account-mail';
import { PASSWORD, signupOrg } from '../helpers/api-client';
import { startTestStack } from '../helpers/test-stack';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;
let sink: AccountMailSink;

beforeAll(async () => {
  // The worker mails scheduled reports through the service reports' relay: the run's SMTP sink.
  sink = await accountMailSink();
  process.env.KEEL_REPORT_SMTP_URL = sink.url;
  suite = await startConsoleSuite(() => startTestStack({ webRoot: true }));
});
afterAll(async () => {
  await stopConsoleSuite(suite);
  delete process.env.KEEL_REPORT_SMTP_URL;
});

describe('scheduled reports in the console', () => {
  it('an owner schedules the support dashboard weekly as XLSX, pauses it, sends it now and deletes it', async () => {
    const org = await signupOrg(suite.stack.url);
    const page = await logIn(suite, { email: org.owner.email, password: PASSWORD });
    await page.getByTestId('nav-report-schedules').click();
    await page.waitForURL('**/reports/schedules');
    await page.getByTestId('new-schedule').click();

    const recipient = `ops-${Date.now()}@example.com`;
    await page.getByLabel('Name', { exact: true }).fill('Support every Friday');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Support dashboard' });
    await page.getByLabel('Format', { exact: true }).selectOption('xlsx');
    await page.getByLabel('Recipients (one address a line)').fill(recipient);
    await page.getByLabel('Every', { exact: true }).selectOption('weekly');
    await page.getByLabel('On', { exact: true }).selectOption('friday');
    await page.getByLabel('At', { exact: true }).fill('07:30');
    await page.getByLabel('Time zone', { exact: true }).fill('Europe/Paris');
    await page.getByTestId('save-schedule').click();

    const item = page.getByTestId('schedule-item').filter({ hasText: 'Support every Friday' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getByTestId('schedule-item-when').textContent()).toBe('Weekly on Friday at 07:30 (Europe/Paris)');
    const [saved] = (await org.api.get('/reports/schedules')).body.data;
    expect(saved).toMatchObject({
      name: 'Support every Friday', format: 'xlsx', recipients: [recipient], paused: false, timeZone: 'Europe/Paris',
      source: { kind: 'dashboard', dashboardId: 'support' }, cadence: { every: 'weekly', at: '07:30', weekday: 'friday' },
    });
    // 07:30 on a Friday in Paris.
    const next = new Date(saved.nextRuns[0]);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('Friday 07:30');
    await expect.poll(() => page.getByTestId('schedule-status').textContent()).toContain('Next:');

    await page.getByTestId('schedule-pause').click();
    await expect.poll(() => item.textContent()).toContain('Paused');
    expect((await org.api.get(`/reports/schedules/${saved.id}`)).body.paused).toBe(true);

    // Sent now even while paused: the workbook reaches the recipient.
    await page.getByTestId('schedule-send-now').click();
    const mail = await sink.messageTo(recipient, (m) => (m.subject ?? '').startsWith('Support every Friday'), 45_000);
    expect(mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^support-dashboard-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/)]);
    await expect.poll(() => page.getByTestId('schedule-status').textContent()).toContain(': mailed');

    await page.getByTestId('schedule-editor').getByRole('button', { name: 'Delete' }).click();
    await page.locator('.n-popconfirm__action button', { hasText: 'Confirm' }).click();
    await expect.poll(() => item.count()).toBe(0);
    expect((await org.api.get('/reports/schedules')).body.data).toEqual([]);
    await page.context().close();
  });
});

describe('PDF export in the report builder', () => {
  it('downloads the report being built as a PDF with its name and chart', async () => {
    const org = await signupOrg(suite.stack.url);
    const page = await logIn(suite, { email: org.owner.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/reports/builder`);
    await page.getByTestId('builder-name').locator('input').fill('Tickets per day');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('builder-pdf').click()]);
    expect(download.suggestedFilename()).toBe('tickets-report.pdf');
    const bytes = new Uint8Array(await readFile((await download.path())!));
    expect(Buffer.from(bytes.subarray(0, 7)).toString('latin1')).toBe('%PDF-1.');
    const text = (await readPdf(bytes)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Tickets per day');
    expect(text).toContain('day count');
    await page.context().close();
  });
});
