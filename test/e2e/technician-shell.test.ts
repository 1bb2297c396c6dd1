import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signupOrg, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { startConsoleSuite, stopConsoleSuite } from './console-suite';
import { expectStatus, setUpFieldOrg, type FieldOrg } from '../field-service/fixtures';

let stack: TestStack;
let browser: Browser;
let org: Org;
let field: FieldOrg;

beforeAll(async () => {
  ({ stack, browser } = await startConsoleSuite());
  org = await signupOrg(stack.url);
  field = await setUpFieldOrg(org);
});
afterAll(() => stopConsoleSuite({ stack, browser }));

describe('the technician app shell', () => {
  it('opens without a network: the service worker serves the shell and today\'s jobs', async () => {
    const d = field.dispatcher.api;
    // Today as the (Amsterdam) technician's app sees it; 09–11 UTC is the same day there.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const at = (hour: number) => `${today}T${String(hour).padStart(2, '0')}:00:00Z`;
    const created = await expectStatus(d.post('/work-orders', { title: 'Boiler service', assetId: field.assetId }), 201);
    await expectStatus(d.post(`/work-orders/${created.number}/schedule`, { technicianId: field.technician.technicianId, windowStart: at(9), windowEnd: at(10) }), 200);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${stack.url}/login?next=/tech`);
    await page.getByTestId('login-email').fill(field.technician.email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/tech');
    await expect.poll(() => page.locator(`[data-testid="tech-job"][data-number="${created.number}"]`).count()).toBe(1);
    await expect.poll(() => page.evaluate("navigator.serviceWorker.getRegistration('/tech').then((registration) => registration?.active?.state ?? null)"), { timeout: 15_000 }).toBe('activated');
    // Load once under the worker's control so the shell and its assets are cached.
    await page.reload();
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    await expect.poll(() => page.locator(`[data-testid="tech-job"][data-number="${created.number}"]`).count()).toBe(1);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('tech-offline').isVisible()).toBe(true);
    await expect.poll(() => page.locator(`[data-testid="tech-job"][data-number="${created.number}"]`).count()).toBe(1);
    await context.close();
  });
});
