import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addMember, newTicket, PASSWORD, signupOrg, type Member, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite, logIn } from './console-suite';

let stack: TestStack;
let browser: Browser;
consoleForSuite((suite) => ({ stack, browser } = suite));

const count = (page: Page) => page.getByTestId('notification-count').textContent();

describe('the notification bell', () => {
  let org: Org;
  let ann: Member;
  let ben: Member;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    ann = await addMember(org, 'agent', 'Ann Assigner');
    ben = await addMember(org, 'agent', 'Ben Bell');
  });

  it('counts up live when another agent assigns a ticket to B or mentions B, and a notification opens its ticket', async () => {
    const page = await logIn({ stack, browser }, { email: ben.email, password: PASSWORD });
    await page.locator('[data-testid="notification-bell"][data-live="live"]').waitFor();
    expect(await count(page)).toBe('0');
    // Nothing below reloads the page: the marker would be gone.
    await page.evaluate(() => { (globalThis as unknown as { keelMarker: number }).keelMarker = 1; });

    const assigned = (await ann.api.post('/tickets', newTicket({ subject: 'Router blinks red' }))).body.number as number;
    expect((await ann.api.post(`/tickets/${assigned}/assign`, { assigneeId: ben.id })).status).toBe(200);
    await expect.poll(() => count(page)).toBe('1');

    const mentioned = (await ann.api.post('/tickets', newTicket({ subject: 'Invoice twice' }))).body.number as number;
    expect((await ann.api.post(`/tickets/${mentioned}/replies`, { body: '@Ben Bell can you check the billing run?', visibility: 'internal' })).status).toBe(200);
    await expect.poll(() => count(page)).toBe('2');
    expect(await page.evaluate(() => (globalThis as unknown as { keelMarker?: number }).keelMarker)).toBe(1);

    await page.getByTestId('notification-bell').click();
    const items = page.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(`Ann Assigner mentioned you on #${mentioned} “Invoice twice”`);
    expect(await items.nth(1).textContent()).toContain(`Ann Assigner assigned #${assigned} “Router blinks red” to you`);

    await items.nth(0).click();
    await page.waitForURL(`**/tickets/${mentioned}`);
    await expect.poll(() => page.getByTestId('ticket-title').textContent()).toContain('Invoice twice');
    await expect.poll(() => count(page)).toBe('1');
    expect((await ben.api.get('/notifications?unread=true')).body.data.map((n: { ticketNumber: number }) => n.ticketNumber)).toEqual([assigned]);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-read-all').click();
    await expect.poll(() => count(page)).toBe('0');
    expect((await ben.api.get('/notifications/unread-count')).body).toEqual({ count: 0 });
    // Ann, who did all this, was told nothing.
    expect((await ann.api.get('/notifications')).body.data).toEqual([]);
    await page.context().close();
  });

  it('switched off on the preferences page, assignments no longer ring the bell', async () => {
    const page = await logIn({ stack, browser }, { email: ben.email, password: PASSWORD });
    await page.getByTestId('nav-notification-settings').click();
    await page.waitForURL('**/settings/notifications');
    const box = page.getByLabel('A ticket is assigned to me: In the console');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await expect.poll(async () => (await ben.api.get('/me/notification-preferences')).body.data.find((p: { kind: string }) => p.kind === 'assigned').channels).toEqual({ in_app: false, email: true });
    await page.reload();
    await page.getByLabel('A ticket is assigned to me: In the console').waitFor();
    expect(await page.getByLabel('A ticket is assigned to me: In the console').isChecked()).toBe(false);

    await page.locator('[data-testid="notification-bell"][data-live="live"]').waitFor();
    const quiet = (await ann.api.post('/tickets', newTicket())).body.number as number;
    expect((await ann.api.post(`/tickets/${quiet}/assign`, { assigneeId: ben.id })).status).toBe(200);
    // A mention after it still rings: when the count moves, the assignment has been written and did not count.
    const loud = (await ann.api.post('/tickets', newTicket())).body.number as number;
    expect((await ann.api.post(`/tickets/${loud}/replies`, { body: 'over to @Ben Bell', visibility: 'internal' })).status).toBe(200);
    await expect.poll(() => count(page)).toBe('1');
    expect((await ben.api.get('/notifications?unread=true')).body.data.map((n: { kind: string; ticketNumber: number }) => [n.kind, n.ticketNumber])).toEqual([['mentioned', loud]]);
    await page.context().close();
  });
});
