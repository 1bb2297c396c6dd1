import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, PASSWORD, signupOrg } from '../helpers/api-client';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;

beforeAll(async () => { suite = await startConsoleSuite(); });
afterAll(async () => { await stopConsoleSuite(suite); });

/** The list entry of the team of that name on the settings page. */
const listed = (page: Page, name: string) => page.getByTestId('team-item').filter({ has: page.getByTestId('team-item-name').getByText(name, { exact: true }) });

/** Form controls axe finds without an accessible name on the page as it is now. */
async function unlabelledControls(page: Page): Promise<string[]> {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: ['[data-testid="team-editor"]'] }, { runOnly: { type: 'rule', values: ['label', 'select-name', 'aria-input-field-name', 'label-title-only'] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}

describe('the teams settings page', () => {
  it('an admin creates a team with two members and a calendar, renames it, removes a member, sees a refused delete, and deletes it', async () => {
    const org = await signupOrg(suite.stack.url);
    const admin = await addMember(org, 'admin');
    const [ana, ben] = [await addMember(org, 'agent'), await addMember(org, 'agent')];
    const hours = [{ start: '08:00', end: '16:00' }];
    const calendar = (await org.api.post('/calendars', { name: 'Lisbon office', timeZone: 'Europe/Lisbon', week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } })).body;

    const page = await logIn(suite, { email: admin.email, password: PASSWORD });
    await page.getByTestId('nav-teams').click();
    await page.waitForURL('**/settings/teams');
    await page.getByTestId('new-team').click();
    await page.getByLabel('Name', { exact: true }).fill('Billing');
    await page.getByLabel('Description', { exact: true }).fill('Invoices and refunds');
    await page.getByLabel('Working hours (business calendar)').selectOption({ label: 'Lisbon office (Europe/Lisbon)' });
    // The search narrows the agents to tick; each checkbox is named by its agent.
    await page.getByLabel('Search agents by name or email').fill(ana.email);
    await expect.poll(() => page.getByTestId('team-member-option').count()).toBe(1);
    await page.getByLabel(ana.email).check();
    await page.getByLabel('Search agents by name or email').fill('');
    await page.getByLabel(ben.email).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByTestId('save-team').click();

    await expect.poll(() => listed(page, 'Billing').count()).toBe(1);
    expect(await listed(page, 'Billing').getByTestId('team-item-members').textContent()).toBe('2 members');
    const [team] = (await admin.api.get('/teams')).body.data;
    expect(team).toEqual({ id: expect.any(String), name: 'Billing', description: 'Invoices and refunds', calendarId: calendar.id, memberIds: [ana.id, ben.id].sort() });

    // Renamed, and one member taken off, in one save.
    await page.getByLabel('Name', { exact: true }).fill('Billing & refunds');
    await page.getByLabel(ben.email).uncheck();
    await page.getByTestId('save-team').click();
    await expect.poll(() => listed(page, 'Billing & refunds').count()).toBe(1);
    expect(await listed(page, 'Billing & refunds').getByTestId('team-item-members').textContent()).toBe('1 member');
    expect((await admin.api.get('/teams')).body.data).toEqual([{ ...team, name: 'Billing & refunds', memberIds: [ana.id] }]);

    // A name another team has is refused at the name.
    await org.api.post('/teams', { name: 'Hardware' });
    await page.reload();
    await listed(page, 'Billing & refunds').click();
    await page.getByLabel('Name', { exact: true }).fill('hardware');
    await page.getByTestId('save-team').click();
    await expect.poll(() => page.getByTestId('team-problems').textContent()).toContain('/name');
    await page.getByLabel('Name', { exact: true }).fill('Billing & refunds');

    // While a ticket is assigned to it, the delete is refused with the API's reason.
    const ticket = (await org.api.post('/tickets', newTicket())).body;
    expect((await org.api.post(`/tickets/${ticket.number}/assign`, { teamId: team.id })).status).toBe(200);
    const deleteTeam = async () => {
      await page.getByTestId('team-editor').getByRole('button', { name: 'Delete' }).click();
      await page.locator('.n-popconfirm__action button', { hasText: 'Confirm' }).click();
    };
    await deleteTeam();
    await expect.poll(() => page.getByTestId('error').textContent())
      .toContain(`Team “Billing & refunds” is still in use: 1 ticket that is not closed is assigned to it (#${ticket.number}).`);
    expect(await listed(page, 'Billing & refunds').count()).toBe(1);

    expect((await org.api.post(`/tickets/${ticket.number}/status`, { status: 'solved' })).status).toBe(200);
    expect((await org.api.post(`/tickets/${ticket.number}/status`, { status: 'closed' })).status).toBe(200);
    await deleteTeam();
    await expect.poll(() => listed(page, 'Billing & refunds').count()).toBe(0);
    expect((await admin.api.get('/teams')).body.data.map((row: { name: string }) => row.name)).toEqual(['Hardware']);
    await page.context().close();
  });
});
