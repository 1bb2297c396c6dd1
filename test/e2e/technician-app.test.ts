import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signupOrg } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite, logIn } from './console-suite';
import { expectStatus, setUpFieldOrg, type FieldOrg } from '../field-service/fixtures';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

/** Each suite has an org of its own, so neither sees the other's jobs for today. */
function ownFieldOrg(): () => FieldOrg {
  let field: FieldOrg | undefined;
  beforeAll(async () => {
    field = await setUpFieldOrg(await signupOrg(stack.url));
  });
  return () => {
    if (!field) throw new Error('the field org is set up in beforeAll');
    return field;
  };
}

/** The field org's technician, signed in to the technician app in a browser context of their own. */
function logInTechnician(field: FieldOrg, context: BrowserContextOptions): Promise<Page> {
  return logIn({ stack, browser }, { email: field.technician.email, password: PASSWORD }, { context, next: '/tech', landing: '**/tech' });
}

/** An hour of today as the (Amsterdam) technician's app sees it; 09–11 UTC is the same day there. */
function at(hour: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return `${today}T${String(hour).padStart(2, '0')}:00:00Z`;
}

describe('the technician app offline', () => {
  const fieldOrg = ownFieldOrg();
  it('records status changes, a checklist item and a signature offline, then syncs each exactly once; a refused change is shown', async () => {
    const field = fieldOrg();
    const d = field.dispatcher.api;
    const created = await expectStatus(d.post('/work-orders', { title: 'Replace AC filter', assetId: field.assetId, checklist: ['Replace filter'] }), 201);
    const number: number = created.number;
    await expectStatus(d.post(`/work-orders/${number}/schedule`, { technicianId: field.technician.technicianId, windowStart: at(9), windowEnd: at(11) }), 200);
    await expectStatus(d.post(`/work-orders/${number}/transitions`, { status: 'dispatched' }), 200);

    const page = await logInTechnician(field, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const context = page.context();
    await page.locator(`[data-testid="tech-job"][data-number="${number}"]`).click();
    await page.waitForURL(`**/tech/jobs/${number}`);
    await expect.poll(() => page.getByTestId('tech-status').getAttribute('data-status')).toBe('dispatched');

    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('tech-offline').isVisible()).toBe(true);
    await page.getByTestId('tech-move-en_route').click();
    await page.getByTestId('tech-move-on_site').click();
    await expect.poll(() => page.getByTestId('tech-status').getAttribute('data-status')).toBe('on_site');
    // More parts than the van holds: the server will refuse this one.
    await page.getByTestId('tech-part').click();
    await page.locator('.n-base-select-option').first().click();
    await page.getByTestId('tech-part-qty').locator('input').fill('50');
    await page.getByTestId('tech-part-add').click();
    await page.getByTestId('tech-check-c1').click();
    await page.getByTestId('tech-signer').locator('input').fill('Site Owner');
    const pad = page.getByTestId('signature-canvas');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + 20 + step * 25, box.y + 40 + (step % 2) * 60, { steps: 3 });
    await page.mouse.up();
    await page.getByTestId('signature-save').click();
    await expect.poll(() => page.getByTestId('tech-signed').isVisible()).toBe(true);
    await page.getByTestId('tech-move-completed').click();
    await expect.poll(() => page.getByTestId('tech-status').getAttribute('data-status')).toBe('completed');
    await expect.poll(() => page.getByTestId('tech-pending').getAttribute('data-count')).toBe('6');

    // Nothing reached the server while offline.
    expect((await expectStatus(d.get(`/work-orders/${number}`), 200)).status).toBe('dispatched');

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('tech-pending').getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => page.getByTestId('rejected-change').count()).toBe(1);
    expect(await page.getByTestId('rejected-change').textContent()).toMatch(/Not enough stock/);

    const server = await expectStatus(d.get(`/work-orders/${number}`), 200);
    expect(server).toMatchObject({ status: 'completed', checklist: [{ id: 'c1', done: true }], signature: { signerName: 'Site Owner' }, parts: [] });
    const timeline = await expectStatus(d.get(`/work-orders/${number}/timeline`), 200);
    const events: { type: string; data: { to?: string } }[] = timeline.data;
    const count = (type: string, to?: string) => events.filter((event) => event.type === type && (to === undefined || event.data.to === to)).length;
    expect(count('status_changed', 'en_route')).toBe(1);
    expect(count('status_changed', 'on_site')).toBe(1);
    expect(count('checklist_item_updated')).toBe(1);
    expect(count('signed')).toBe(1);
    expect(count('status_changed', 'completed')).toBe(1);
    expect(count('parts_used')).toBe(0);

    // The refusal stays until the technician dismisses it.
    await page.getByTestId('rejected-dismiss').click();
    await expect.poll(() => page.getByTestId('rejected-change').count()).toBe(0);
    await context.close();
  });
});

describe('the technician app shell', () => {
  const fieldOrg = ownFieldOrg();
  it('opens without a network: the service worker serves the shell and today\'s jobs', async () => {
    const field = fieldOrg();
    const d = field.dispatcher.api;
    const created = await expectStatus(d.post('/work-orders', { title: 'Boiler service', assetId: field.assetId }), 201);
    await expectStatus(d.post(`/work-orders/${created.number}/schedule`, { technicianId: field.technician.technicianId, windowStart: at(9), windowEnd: at(10) }), 200);

    const page = await logInTechnician(field, { viewport: { width: 390, height: 844 } });
    const context = page.context();
    await expect.poll(() => page.locator(`[data-testid="tech-job"][data-number="${created.number}"]`).count()).toBe(1);
    await docsShot(page, 'technician-day');
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

  it('installs as an app: Chrome finds the manifest, its icons and the worker, and reports nothing in the way', async () => {
    const page = await logInTechnician(fieldOrg(), { viewport: { width: 390, height: 844 } });
    await expect.poll(() => page.evaluate("navigator.serviceWorker.getRegistration('/tech').then((registration) => registration?.active?.state ?? null)"), { timeout: 15_000 }).toBe('activated');
    const cdp = await page.context().newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${stack.url}/tech.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({ start_url: '/tech', scope: '/tech', display: 'standalone' });
    // Chrome's own verdict: an empty list is what lets a phone offer "Install app". The test's
    // browser context is an incognito one, which Chrome never installs from; that is the
    // browser's state, not the app's, so it is the one error set aside.
    const installability = async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.map((error) => error.errorId);
    await expect.poll(installability, { timeout: 15_000 }).toEqual(['in-incognito']);

    for (const size of [192, 512]) {
      const icon = await page.request.get(`${stack.url}/icons/keel-tech-${size}.png`);
      expect(icon.headers()['content-type']).toBe('image/png');
      const png = await icon.body();
      // The IHDR chunk holds the width and height right after the 8-byte signature and its header.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const served = await page.request.get(`${stack.url}/tech.webmanifest`);
    expect(served.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    await page.context().close();
  });
});
