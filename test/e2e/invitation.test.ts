import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../bin/lib/console-build';
import { ApiClient, signupOrg } from '../helpers/api-client';
import { invitationToken } from '../helpers/invitation-outbox';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { launchChromium } from './browser';

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
