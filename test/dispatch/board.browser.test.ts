import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { startConsoleSuite, stopConsoleSuite } from '../e2e/console-suite';
import { DATE, expectStatus, setUpDispatchOrg, type DispatchOrg } from './fixtures';
import { docsShot } from '../e2e/docs-shot';

let stack: TestStack;
let browser: Browser;
let org: DispatchOrg;

beforeAll(async () => {
  ({ stack, browser } = await startConsoleSuite());
  org = await setUpDispatchOrg(stack.url);
});
afterAll(() => stopConsoleSuite({ stack, browser }));

describe('the dispatch board', () => {
  it('optimizes, drags a job to another technician, moves another with the keyboard, approves, and the work orders hold their schedule', async () => {
    for (const [title, lat] of [['North one', 52.41], ['North two', 52.42], ['South one', 52.29], ['South two', 52.31]] as const) await org.workOrder(title, { lat });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.url) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(`${stack.url}/login`);
    await page.getByTestId('login-email').fill(org.dispatcherEmail);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${stack.url}/dispatch?date=${DATE}`);

    await page.getByTestId('dispatch-optimize').click();
    await expect.poll(() => page.getByTestId('dispatch-status').getAttribute('data-status'), { timeout: 45_000 }).toBe('proposed');
    const northJobs = page.locator(`[data-testid="dispatch-row"][data-technician="${org.north}"] [data-testid="dispatch-job"]`);
    await expect.poll(() => northJobs.count()).toBeGreaterThan(0);
    await docsShot(page, 'dispatcher-proposal');
    const number = Number(await northJobs.first().getAttribute('data-number'));

    // Drop it at the end of the south technician's day: the server re-checks the edit live.
    const southLane = page.locator(`[data-testid="dispatch-row"][data-technician="${org.south}"] .lane`);
    const box = (await southLane.boundingBox())!;
    await northJobs.first().dragTo(southLane, { targetPosition: { x: box.width * 0.8, y: box.height / 2 } });
    await expect.poll(() => page.getByTestId('dispatch-edit').count()).toBe(1);
    await expect.poll(() => page.locator(`[data-testid="dispatch-row"][data-technician="${org.south}"] [data-testid="dispatch-job"][data-number="${number}"]`).count()).toBe(1);
    expect(await page.getByTestId('dispatch-violation').count()).toBe(0);

    // Without a mouse: Enter on a south job picks it, the form moves it to the north
    // technician's first stop.
    const southJob = page.locator(`[data-testid="dispatch-row"][data-technician="${org.south}"] [data-testid="dispatch-job"]:not([data-number="${number}"])`).first();
    const southNumber = Number(await southJob.getAttribute('data-number'));
    await southJob.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Job to move').inputValue()).not.toBe('');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('Move to');
    await page.getByLabel('Move to').selectOption(org.north);
    await page.getByLabel('As stop (1 = first; blank: last)').fill('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dispatch-edit').count()).toBe(2);
    await expect.poll(() => northJobs.first().getAttribute('data-number')).toBe(String(southNumber));
    expect(await page.getByTestId('dispatch-violation').count()).toBe(0);

    // The map draws sites and homes without any tile server.
    expect(await page.locator('[data-testid="dispatch-map"].leaflet-container path.leaflet-interactive').count()).toBeGreaterThanOrEqual(6);

    await page.getByTestId('dispatch-approve').click();
    await expect.poll(() => page.getByTestId('dispatch-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('committed');
    const workOrder = await expectStatus(org.dispatcher.get(`/work-orders/${number}`), 200);
    expect(workOrder).toMatchObject({ status: 'scheduled', technician: { id: org.south } });
    expect(await expectStatus(org.dispatcher.get(`/work-orders/${southNumber}`), 200)).toMatchObject({ status: 'scheduled', technician: { id: org.north } });
    expect(foreign).toEqual([]);
  });
});
