import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite, logIn as logInAs } from './console-suite';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

const logIn = (org: Org): Promise<Page> => logInAs({ stack, browser }, org.owner, { context: { timezoneId: 'UTC', locale: 'en-GB' } });

/** Picks an option in a naive-ui select, typing to filter long lists first. */
async function choose(page: Page, testId: string, label: string, filter = false): Promise<void> {
  // A menu closed just before may still be fading out, holding an option with the same text.
  await expect.poll(() => page.locator('.n-base-select-menu:visible').count()).toBe(0);
  await page.getByTestId(testId).click();
  if (filter) await page.keyboard.type(label);
  await page.locator('.n-base-select-option:visible', { hasText: new RegExp(`^${label.replace(/[()/]/g, '\\$&')}$`) }).click();
}

describe('SLA in the console', () => {
  // The 120 s budget: a dozen steps, three of them waiting on a clock's breach: on a CI machine shared with the
  // demo-seed suite it has run past the default 60 s while every step still held.
  it('an admin builds a calendar and a policy with a live preview; an agent sees countdowns turn into breaches and the report counts them', async () => {
    const org = await signupOrg(stack.url);
    const page = await logIn(org);

    // Calendar: office hours in Paris, a holiday; a bad closing time is caught before saving.
    await page.getByTestId('nav-calendars').click();
    await page.getByTestId('new-calendar').click();
    await page.getByTestId('calendar-name').fill('Paris office');
    await choose(page, 'calendar-zone', 'Europe/Paris', true);
    const mondayClose = page.getByLabel('mon closes');
    await mondayClose.fill('25:00');
    await expect.poll(() => page.getByTestId('calendar-problems').textContent()).toContain('/week/mon/0/end');
    expect(await page.getByTestId('save-calendar').isDisabled()).toBe(true);
    await mondayClose.fill('17:00');
    await page.getByTestId('add-holiday').click();
    await page.getByLabel('holiday date').fill('2026-12-25');
    await docsShot(page, 'calendar');
    await page.getByTestId('save-calendar').click();
    await expect.poll(async () => (await org.api.get('/calendars')).body.data.length).toBe(1);
    const calendar = (await org.api.get('/calendars')).body.data[0];
    expect(calendar).toMatchObject({ name: 'Paris office', timeZone: 'Europe/Paris', holidays: [{ date: '2026-12-25', yearly: false }] });
    expect(calendar.week.mon).toEqual([{ start: '09:00', end: '17:00' }]);

    // Policy: high-priority tickets on Paris business hours; the preview carries a Friday-evening
    // ticket over the weekend before it is saved.
    await page.getByTestId('nav-policies').click();
    await page.getByTestId('new-policy').click();
    await page.getByTestId('policy-name').fill('Office hours');
    await choose(page, 'policy-priorities', 'high');
    await page.keyboard.press('Escape');
    await page.getByTestId('hours-business').click();
    await choose(page, 'policy-calendar', 'Paris office (Europe/Paris)');
    await page.getByTestId('target-high-first_response').fill('2h');
    await choose(page, 'preview-priority', 'high');
    await page.getByLabel('opened at').fill('2026-11-27T16:00');
    const due = page.locator('[data-testid="preview-due"][data-target="first_response"]');
    // 16:00 UTC is 17:00 in Paris, closing time: two business hours later is Monday 11:00 Paris.
    await expect.poll(() => due.getAttribute('data-due')).toBe('2026-11-30T10:00:00.000Z');
    await docsShot(page, 'sla-policy');
    await page.getByTestId('save-policy').click();
    await expect.poll(async () => (await org.api.get('/sla-policies')).body.data.map((p: { name: string }) => p.name)).toEqual(['Office hours']);
    const saved = (await org.api.get('/sla-policies')).body.data[0];
    expect(saved).toMatchObject({ conditions: { priorities: ['high'] }, hours: 'business', calendarId: calendar.id, targets: { high: { first_response: 7200 } } });

    // A seconds-long policy for normal tickets, so a clock breaches while the page watches.
    await org.api.post('/sla-policies', { name: 'Fast', position: 5, warnAt: 0.5, targets: { normal: { first_response: 6, resolution: 86_400 } } });
    const number = (await org.api.post('/tickets', newTicket({ subject: 'Clock is ticking' }))).body.number;
    await expect.poll(async () => (await org.api.get(`/tickets/${number}/sla`)).body.data.length).toBe(2);

    await page.goto(`${stack.url}/tickets`);
    const badge = page.locator(`[data-testid="ticket-row"][data-number="${number}"] [data-testid="sla-badge"]`);
    await expect.poll(() => badge.getAttribute('data-target')).toBe('first_response');
    expect(['calm', 'warning', 'critical']).toContain(await badge.getAttribute('data-urgency'));
    // The countdown runs in the page: no reload between "due" and "over".
    await expect.poll(() => badge.getAttribute('data-urgency'), { timeout: 15_000 }).toBe('breached');
    expect(await badge.textContent()).toContain('over');

    await docsShot(page, 'sla-queue');
    // The badge turns at the deadline in the browser; the server records the breach a moment
    // later. Open the view once the server knows, so the page's first load can list it.
    await expect.poll(async () => (await org.api.get('/tickets?sla=breached')).body.data.map((t: { number: number }) => t.number), { timeout: 15_000 }).toContain(number);
    await page.getByTestId('nav-breaching').click();
    await expect.poll(() => page.locator(`[data-testid="breaching-breached"] [data-testid="breaching-row"][data-number="${number}"]`).count(), { timeout: 15_000 }).toBe(1);

    await page.goto(`${stack.url}/tickets/${number}`);
    await expect.poll(() => page.locator('[data-testid="sla-card"] [data-testid="sla-badge"]').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="sla_breached"]').count(), { timeout: 20_000 }).toBe(1);

    await page.getByTestId('nav-report').click();
    await expect.poll(() => page.getByTestId('report-breached').textContent()).toContain('1');
    expect(await page.locator('[data-testid="compliance-chart"] canvas').count()).toBe(1);
    expect(await page.getByTestId('report-policy').textContent()).toContain('Fast');
    await docsShot(page, 'sla-report');
    await page.context().close();
  }, 120_000);
});
