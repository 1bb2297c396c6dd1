import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, PASSWORD, signupOrg } from '../helpers/api-client';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;

beforeAll(async () => { suite = await startConsoleSuite(); });
afterAll(async () => { await stopConsoleSuite(suite); });

/** The list entry of the macro of that name on the settings page. */
const listed = (page: Page, name: string) => page.getByTestId('macro-item').filter({ has: page.getByTestId('macro-item-name').getByText(name, { exact: true }) });

async function openMacrosPage(page: Page): Promise<void> {
  await page.getByTestId('nav-macros').click();
  await page.waitForURL('**/settings/macros');
}

describe('the macros settings page', () => {
  it('an admin writes a macro with a reply and two actions, renames it, sees an agent\'s use counted, and deletes it', async () => {
    const org = await signupOrg(suite.stack.url);
    const admin = await addMember(org, 'admin');
    const agent = await addMember(org, 'agent');
    const ticket = (await org.api.post('/tickets', newTicket({ subject: 'Charged twice' }))).body;

    const page = await logIn(suite, { email: admin.email, password: PASSWORD });
    await openMacrosPage(page);
    await page.getByTestId('new-macro').click();
    // Every control is found by its label, as a screen reader names it.
    await page.getByLabel('Name', { exact: true }).fill('Refund issued');
    expect(await page.getByTestId('macro-scope-org').locator('input').isChecked()).toBe(true);
    await page.getByLabel('Reply', { exact: true }).fill('Hi {{requester.name}}, the refund for #{{ticket.number}} is on its way.');
    await expect.poll(() => page.locator('#macro-placeholders').textContent()).toContain('{{requester.name}}');
    await page.getByTestId('macro-action-add').click();
    await page.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Set priority' });
    await page.getByLabel('Priority', { exact: true }).selectOption('high');
    await page.getByTestId('macro-action-add').click();
    await page.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Add tags' });
    await page.getByLabel('Tags (separated by commas or spaces)').fill('refund, billing');
    await page.getByTestId('save-macro').click();

    await expect.poll(() => listed(page, 'Refund issued').count()).toBe(1);
    const item = listed(page, 'Refund issued');
    expect(await item.getByTestId('macro-item-scope').textContent()).toBe('org');
    expect(await item.getByTestId('macro-item-usage').textContent()).toBe('used 0×');
    expect(await item.getByTestId('macro-item-actions').textContent()).toBe('priority → high · +refund +billing');
    const [saved] = (await admin.api.get('/macros')).body.data;
    expect(saved).toMatchObject({
      name: 'Refund issued', personal: false,
      reply: { body: 'Hi {{requester.name}}, the refund for #{{ticket.number}} is on its way.', visibility: 'public' },
      actions: [{ type: 'set_priority', priority: 'high' }, { type: 'add_tags', tags: ['refund', 'billing'] }],
    });

    // Renamed, the macro picked from the list by keyboard.
    await page.getByTestId('new-macro').click();
    await item.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Refund issued');
    await page.getByLabel('Name', { exact: true }).fill('Refund issued (card)');
    await page.getByTestId('save-macro').click();
    await expect.poll(() => listed(page, 'Refund issued (card)').count()).toBe(1);
    expect(await listed(page, 'Refund issued').count()).toBe(0);
    expect((await admin.api.get(`/macros/${saved.id}`)).body).toMatchObject({ name: 'Refund issued (card)', actions: saved.actions });

    // Search narrows the list by name.
    await org.api.post('/macros', { name: 'Password reset', reply: { body: 'Use the link.' } });
    await page.reload();
    await expect.poll(() => page.getByTestId('macro-item').count()).toBe(2);
    await page.getByTestId('macro-filter').fill('card refund');
    await expect.poll(() => page.getByTestId('macro-item').count()).toBe(1);
    expect(await page.getByTestId('macro-item-name').textContent()).toBe('Refund issued (card)');

    // An agent applies it from a ticket's composer, and the page counts the use.
    const desk = await logIn(suite, { email: agent.email, password: PASSWORD });
    await desk.goto(`${suite.stack.url}/tickets/${ticket.number}`);
    await expect.poll(() => desk.getByTestId('ticket-title').textContent()).toContain('Charged twice');
    await desk.keyboard.press('m');
    await desk.getByTestId('macro-search').fill('refund');
    await desk.getByTestId('macro-search').press('Enter');
    await expect.poll(() => desk.getByTestId('reply-body').inputValue()).toBe(`Hi Casey Customer, the refund for #${ticket.number} is on its way.`);
    const applied = (await agent.api.get(`/tickets/${ticket.number}`)).body;
    expect(applied.priority).toBe('high');
    expect([...applied.tags].sort()).toEqual(['billing', 'refund']);
    await desk.context().close();

    await page.reload();
    await expect.poll(() => listed(page, 'Refund issued (card)').getByTestId('macro-item-usage').textContent()).toBe('used 1×');

    // Deleted, it is gone from the page and the API.
    await listed(page, 'Refund issued (card)').click();
    await page.getByTestId('macro-editor').getByRole('button', { name: 'Delete' }).click();
    await page.locator('.n-popconfirm__action button', { hasText: 'Confirm' }).click();
    await expect.poll(() => listed(page, 'Refund issued (card)').count()).toBe(0);
    expect((await admin.api.get(`/macros/${saved.id}`)).status).toBe(404);
    expect((await admin.api.get('/macros')).body.data.map((macro: { name: string }) => macro.name)).toEqual(['Password reset']);
    await page.context().close();
  });

  it('an agent may write personal macros only: the org-wide choice is off on the page, and the API refuses it', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const orgMacro = (await org.api.post('/macros', { name: 'Escalate to billing', actions: [{ type: 'set_status', status: 'on_hold' }] })).body;

    // The rule the page shows is the API's: an agent's org-wide macro is a 403.
    const refused = await agent.api.post('/macros', { name: 'Mine for everyone', personal: false, reply: { body: 'Hello' } });
    expect(refused.status).toBe(403);

    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    await openMacrosPage(page);
    await page.getByTestId('new-macro').click();
    expect(await page.getByTestId('macro-scope-org').locator('input').isDisabled()).toBe(true);
    expect(await page.getByTestId('macro-scope-personal').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('macro-scope-note').textContent()).toContain("Only owners and admins write the organization's macros");

    await page.getByLabel('Name', { exact: true }).fill('My sign-off');
    await page.getByLabel('Reply', { exact: true }).fill('Best, {{agent.name}}');
    await page.getByTestId('save-macro').click();
    await expect.poll(() => listed(page, 'My sign-off').count()).toBe(1);
    expect(await listed(page, 'My sign-off').getByTestId('macro-item-scope').textContent()).toBe('personal');
    expect((await agent.api.get('/macros')).body.data.find((macro: { name: string }) => macro.name === 'My sign-off')).toMatchObject({ personal: true });

    // The org's macro is the agent's to apply, not to change.
    await listed(page, 'Escalate to billing').click();
    await expect.poll(() => page.getByTestId('macro-read-only').isVisible()).toBe(true);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Escalate to billing');
    expect(await page.getByLabel('Action 1', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByTestId('save-macro').isDisabled()).toBe(true);
    expect(await page.getByTestId('macro-editor').getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect((await agent.api.delete(`/macros/${orgMacro.id}`)).status).toBe(403);
    await page.context().close();
  });
});
