import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signupTokenFor } from '../helpers/account-mail';
import { ApiClient, signup } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite } from './console-suite';
import { createTicketInDialog } from './new-ticket-dialog';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

/** Picks an option in a naive-ui select: open it, click the option by its label. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.n-base-select-option', { hasText: new RegExp(`^${label}$`) }).click();
}

describe('the console', () => {
  it('signs up, creates a ticket, replies, assigns, solves, and sees it solved in the queue', async () => {
    const page = await browser.newPage();
    const email = `agent-${randomUUID().slice(0, 8)}@example.com`;
    await page.goto(`${stack.url}/signup`);
    await page.getByTestId('signup-organization').fill('Browser Co');
    await page.getByTestId('signup-name').fill('Bea Browser');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill('a long enough password');
    await page.getByTestId('signup-submit').click();
    // Hashing the password and mailing the link take a moment on a busy machine.
    await expect.poll(() => page.getByTestId('signup-check-email').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('signup-sent-to').textContent()).toContain(email);
    // Follow the mailed link (its path and fragment, on this stack's origin).
    await page.goto(`${stack.url}/signup/confirm#token=${await signupTokenFor(email)}`);
    await page.waitForURL('**/tickets');
    await expect.poll(() => page.getByTestId('queue-empty').isVisible()).toBe(true);

    // The refresh token is an HttpOnly cookie, never in script-readable storage.
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'keel_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    // Page-side expressions as strings: the tests are type-checked without the DOM library.
    const storage = String(await page.evaluate('JSON.stringify({ ...localStorage }) + document.cookie'));
    expect(storage).not.toMatch(/refresh/i);
    expect(storage).not.toMatch(/[0-9a-f-]{36}\.[0-9a-f-]{36}\./);
    // With a dead access token the console refreshes from the cookie alone and carries on.
    await page.evaluate(`localStorage.setItem('keel.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('keel.session')), accessToken: 'expired.access.token' }))`);
    await page.reload();
    await expect.poll(() => page.getByTestId('queue-empty').isVisible()).toBe(true);
    expect(await page.evaluate(`JSON.parse(localStorage.getItem('keel.session')).accessToken`)).not.toBe('expired.access.token');

    const number = await createTicketInDialog(page, {
      subject: 'Scanner jams on every page', description: 'Since Monday the scanner jams after one page.',
      requesterEmail: 'chris@customer.example', requesterName: 'Chris Customer',
    });
    await expect.poll(() => page.getByTestId('ticket-status').first().getAttribute('data-status')).toBe('new');

    await page.getByTestId('reply-body').fill('Thanks Chris, we are looking into it.');
    await page.getByTestId('reply-send').click();
    await expect.poll(() => page.getByTestId('ticket-status').first().getAttribute('data-status')).toBe('open');
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="replied"]').count()).toBe(1);

    await choose(page, 'assignee-select', 'Bea Browser');
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="assigned"]').count()).toBe(1);

    await page.getByTestId('follow-toggle').click();
    await expect.poll(() => page.getByTestId('ticket-follower').textContent()).toContain('Bea Browser');
    expect((await page.getByTestId('follow-toggle').textContent())?.trim()).toBe('Unfollow');

    await choose(page, 'status-select', 'Solved');
    await expect.poll(() => page.getByTestId('ticket-status').first().getAttribute('data-status')).toBe('solved');

    await docsShot(page, 'ticket');
    await page.keyboard.press('Escape');
    await page.waitForURL('**/tickets');
    await docsShot(page, 'unsolved');
    await page.getByTestId('status-count-solved').click();
    const row = page.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await expect.poll(() => row.getByTestId('ticket-status').getAttribute('data-status')).toBe('solved');
    await expect.poll(() => page.getByTestId('status-count-solved').textContent()).toContain('1');
    await docsShot(page, 'queue');

    // What the browser showed is what the server holds.
    const login = await new ApiClient(stack.url).post('/auth/login', { email, password: 'a long enough password' });
    const ticket = (await new ApiClient(stack.url, login.body.accessToken).get(`/tickets/${number}`)).body;
    expect(ticket).toMatchObject({ status: 'solved', assignee: { name: 'Bea Browser' }, requester: { email: 'chris@customer.example' } });
    await page.close();
  });

  it('turns on two-factor authentication, after which login asks for a code', async () => {
    const page = await browser.newPage();
    const email = `totp-${randomUUID().slice(0, 8)}@example.com`;
    await signup(stack.url, { organization: 'Two Factor Co', name: 'Tess', email, password: 'a long enough password' });
    await page.goto(`${stack.url}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('a long enough password');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/tickets');

    await page.goto(`${stack.url}/security`);
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    await page.getByTestId('totp-code').fill(await generate({ secret }));
    await page.getByTestId('totp-confirm').click();
    await expect.poll(() => page.getByTestId('totp-enabled').isVisible()).toBe(true);

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('a long enough password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-otp').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/tickets');
    await page.close();
  });

  it('shows a refused login as a readable error', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/login`);
    await page.getByTestId('login-email').fill(`nobody-${randomUUID().slice(0, 6)}@example.com`);
    await page.getByTestId('login-password').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('wrong');
    await page.close();
  });
});
