import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../bin/lib/console-build';
import { ApiClient, PASSWORD, signupOrg } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { resetTokenFor } from '../helpers/account-mail';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { launchChromium } from './browser';
import { logIn } from './console-suite';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt(() => undefined);
  stack = await startTestStack({ webRoot: true, worker: false });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the invitation page', () => {
  it('a new person opens the mailed link, sets name and password, and lands signed in', async () => {
    const org = await signupOrg(stack.url, `Invite Co ${randomUUID().slice(0, 6)}`);
    const email = `ivy-${randomUUID().slice(0, 8)}@example.com`;
    expect((await org.api.post('/invitations', { email, name: 'Ivy', role: 'agent' })).status).toBe(201);

    const page = await browser.newPage();
    await page.goto(`${stack.url}/invitations/${invitationToken(email)}`);
    await expect.poll(() => page.getByTestId('invitation').textContent()).toContain('Invite Co');
    await page.getByTestId('invitation-name').fill('Ivy Invited');
    await page.getByTestId('invitation-password').fill('a long enough password');
    await page.getByTestId('invitation-accept').click();
    await page.waitForURL('**/tickets');

    const login = await new ApiClient(stack.url).post('/auth/login', { email, password: 'a long enough password' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ name: 'Ivy Invited', role: 'agent' });
    await page.close();
  });
});

describe('the members page', () => {
  it('an owner invites an agent who accepts and signs in, then changes their role and deactivates them', async () => {
    const org = await signupOrg(stack.url, `Members Co ${randomUUID().slice(0, 6)}`);
    const email = `mo-${randomUUID().slice(0, 8)}@example.com`;
    const admin = await logIn({ stack, browser }, { email: org.owner.email, password: PASSWORD });
    await admin.getByTestId('nav-members').click();
    await admin.getByTestId('invite-email').fill(email);
    await admin.getByTestId('invite-name').fill('Mo Member');
    await admin.getByTestId('invite-role').selectOption('agent');
    await admin.getByTestId('invite-send').click();
    await expect.poll(() => admin.locator(`[data-testid="invitation-row"][data-email="${email}"]`).textContent()).toContain('Agent');

    // The invitee follows the mailed link in a browser of their own.
    const invitee = await browser.newPage();
    await invitee.goto(`${stack.url}/invitations/${invitationToken(email)}`);
    await invitee.getByTestId('invitation-password').fill('a long enough password');
    await invitee.getByTestId('invitation-accept').click();
    await invitee.waitForURL('**/tickets');
    await expect.poll(() => invitee.getByTestId('current-user').textContent()).toContain('agent');

    await admin.reload();
    const row = admin.locator(`[data-testid="member-row"][data-email="${email}"]`);
    await expect.poll(() => row.getByTestId('member-status').textContent()).toBe('Active');
    await docsShot(admin, 'admin-members');
    expect(await admin.locator(`[data-testid="invitation-row"][data-email="${email}"]`).count()).toBe(0);
    // The owner cannot change their own membership from here.
    const own = admin.locator(`[data-testid="member-row"][data-email="${org.owner.email}"]`);
    expect(await own.getByTestId('member-role').isDisabled()).toBe(true);
    expect(await own.getByTestId('member-deactivate').count()).toBe(0);

    // A reset link for the member, mailed from their row.
    await row.getByTestId('member-send-reset').click();
    expect(await resetTokenFor(email)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await row.getByTestId('member-role').selectOption('dispatcher');
    const member = async () => ((await org.api.get('/users?status=all')).body.data as { email: string; role: string; deactivatedAt: string | null }[]).find((m) => m.email === email);
    await expect.poll(async () => (await member())?.role).toBe('dispatcher');

    await row.getByTestId('member-deactivate').click();
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => row.getByTestId('member-status').textContent()).toContain('Deactivated');
    expect((await member())?.deactivatedAt).toEqual(expect.any(String));
    expect((await new ApiClient(stack.url).post('/auth/login', { email, password: 'a long enough password' })).status).toBe(401);
    // Deactivated members can be hidden, and brought back.
    await admin.getByTestId('hide-deactivated').check();
    await expect.poll(() => row.count()).toBe(0);
    await admin.getByTestId('hide-deactivated').uncheck();
    await row.getByTestId('member-reactivate').click();
    await expect.poll(() => row.getByTestId('member-status').textContent()).toBe('Active');
    await invitee.close();
    await admin.context().close();
  });
});
