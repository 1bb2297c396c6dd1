import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resetTokenFor } from '../helpers/account-mail';
import { ApiClient, PASSWORD, signupOrg } from '../helpers/api-client';
import { consoleForSuite, logIn, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;
consoleForSuite((started) => { suite = started; });

describe('a forgotten password', () => {
  it('is reset from the login page through the mailed link, and the new one logs in', async () => {
    const org = await signupOrg(suite.stack.url, `Reset Co ${randomUUID().slice(0, 6)}`);
    const context = await suite.browser.newContext({ timezoneId: 'UTC', locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${suite.stack.url}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email', { exact: true }).fill(org.owner.email);
    await page.getByTestId('forgot-submit').click();
    await expect.poll(() => page.getByTestId('forgot-sent').textContent()).toContain(org.owner.email);

    await page.goto(`${suite.stack.url}/reset-password?token=${await resetTokenFor(org.owner.email)}`);
    // The token leaves the address bar as soon as the page has it.
    await expect.poll(() => page.url()).not.toContain('token=');
    const newPassword = 'my fresh passphrase';
    await page.getByLabel('New password (10+ characters)', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password', { exact: true }).fill(newPassword);
    await page.getByTestId('reset-submit').click();
    await page.waitForURL('**/login?reset=done');
    await expect.poll(() => page.getByTestId('login-after-reset').textContent()).toContain('signed out everywhere');

    await page.getByLabel('Email', { exact: true }).fill(org.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/tickets');
    expect((await new ApiClient(suite.stack.url).post('/auth/login', { email: org.owner.email, password: PASSWORD })).status).toBe(401);
    await context.close();
  });
});

describe('changing the password on the Security page', () => {
  it('asks for the current one, then changes it', async () => {
    const org = await signupOrg(suite.stack.url, `Change Co ${randomUUID().slice(0, 6)}`);
    const page = await logIn(suite, { email: org.owner.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/security`);
    const newPassword = 'another fresh passphrase';
    await page.getByLabel('Current password', { exact: true }).fill('not the password');
    await page.getByLabel('New password (10+ characters)', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password', { exact: true }).fill(newPassword);
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.getByTestId('change-password').textContent()).toContain('This is not your current password.');

    await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await page.getByTestId('change-password-submit').click();
    // The sign-up session the test's API client holds was signed out; this one stays.
    await expect.poll(() => page.getByTestId('password-changed').textContent()).toContain('1 other session was signed out');
    expect((await org.api.get('/me')).status).toBe(401);
    expect((await new ApiClient(suite.stack.url).post('/auth/login', { email: org.owner.email, password: newPassword })).status).toBe(200);
    await page.context().close();
  });
});
