import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newTicket, signupOrg } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite, logIn } from './console-suite';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

describe('dashboards in the console', () => {
  it('a lead opens the support dashboard, clicks the backlog bar, sees the tickets behind it, and watches it move live', async () => {
    const org = await signupOrg(stack.url);
    const subjects = ['Printer on fire', 'VPN drops hourly'];
    const numbers: number[] = [];
    for (const subject of subjects) {
      const created = await org.api.post('/tickets', newTicket({ subject }));
      expect(created.status).toBe(201);
      numbers.push(created.body.number);
    }

    const page = await logIn({ stack, browser }, org.owner);
    await page.getByTestId('nav-dashboards').click();
    await page.waitForURL('**/reports/dashboards');
    const backlog = page.getByTestId('widget-backlog-status');
    // One bar: both new tickets.
    await expect.poll(() => backlog.getByTestId('metric-chart').getAttribute('data-labels')).toBe('new');
    const canvas = backlog.locator('canvas');
    const box = (await canvas.boundingBox())!;
    // The only bar fills the middle of the plot from the axis up to its value, the top.
    await canvas.click({ position: { x: box.width / 2, y: box.height * 0.6 } });

    const drawer = page.getByTestId('drill-down');
    await expect.poll(() => drawer.getByTestId('drill-row').count()).toBe(2);
    const shown = await drawer.getByTestId('drill-row').allTextContents();
    for (const subject of subjects) expect(shown.join('\n')).toContain(subject);
    await docsShot(page, 'dashboard-drill-down');

    // Live: a ticket put on hold elsewhere moves the backlog chart without a reload.
    expect((await org.api.post(`/tickets/${numbers[0]}/status`, { status: 'pending' })).status).toBe(200);
    await expect.poll(() => backlog.getByTestId('metric-chart').getAttribute('data-labels'), { timeout: 15_000 }).toMatch(/pending/);
  });
});
