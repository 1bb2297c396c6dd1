import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, PASSWORD, signupOrg } from '../helpers/api-client';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;

beforeAll(async () => { suite = await startConsoleSuite(); });
afterAll(async () => { await stopConsoleSuite(suite); });

describe('custom fields in the console', () => {
  it('an admin defines a select field; an agent sets it on a ticket, is refused a solve while it is empty, and sees it as a queue column and filter', async () => {
    const org = await signupOrg(suite.stack.url);
    const [admin, agent] = [await addMember(org, 'admin'), await addMember(org, 'agent')];
    const empty = (await agent.api.post('/tickets', newTicket({ subject: 'No plan yet' }))).body.number as number;
    const number = (await agent.api.post('/tickets', newTicket({ subject: 'Upgrade please' }))).body.number as number;

    // The admin defines “Plan” under Settings → Fields.
    const adminPage = await logIn(suite, { email: admin.email, password: PASSWORD });
    await adminPage.getByTestId('nav-fields').click();
    await adminPage.waitForURL('**/settings/fields');
    await adminPage.getByTestId('new-field').click();
    await adminPage.getByLabel('Label', { exact: true }).fill('Plan');
    await adminPage.getByLabel('Key', { exact: true }).fill('plan');
    await adminPage.getByLabel('Type', { exact: true }).selectOption('select');
    await adminPage.getByLabel('Options (one a line)').fill('free\npro\nenterprise');
    await adminPage.getByTestId('field-required').click();
    await adminPage.getByTestId('save-field').click();
    await expect.poll(() => adminPage.getByTestId('field-item-label').allTextContents()).toEqual(['Plan']);
    expect((await admin.api.get('/fields')).body.data).toEqual([expect.objectContaining({ key: 'plan', type: 'select', options: ['free', 'pro', 'enterprise'], requiredOnSolve: true })]);
    await adminPage.context().close();

    // The agent sets it in the ticket's sidebar.
    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/tickets/${number}`);
    await page.getByTestId('ticket-fields').waitFor();
    await page.getByLabel('Plan').selectOption('pro');
    await page.getByTestId('save-fields').click();
    await expect.poll(async () => (await agent.api.get(`/tickets/${number}`)).body.fields).toEqual({ plan: 'pro' });

    // A ticket whose required plan is empty is not solved: the refusal names the field.
    await page.goto(`${suite.stack.url}/tickets/${empty}`);
    await page.getByTestId('ticket-title').waitFor();
    await page.getByTestId('status-select').click();
    await page.locator('.n-base-select-option', { hasText: /^Solved$/ }).click();
    await expect.poll(() => page.locator('.n-message').allTextContents()).toContainEqual(expect.stringContaining('“Plan” is empty'));
    expect((await agent.api.get(`/tickets/${empty}`)).body.status).not.toBe('solved');

    // The queue shows the plan as a column once ticked, and filters by it.
    await page.goto(`${suite.stack.url}/tickets`);
    await page.getByTestId('ticket-row').first().waitFor();
    await page.getByTestId('queue-columns').click();
    await page.getByTestId('column-field-plan').click();
    await expect.poll(() => page.getByTestId('column-head-plan').textContent()).toBe('Plan');
    const cell = (n: number) => page.locator(`[data-testid="ticket-row"][data-number="${n}"] [data-testid="ticket-field-plan"]`);
    await expect.poll(() => cell(number).textContent()).toBe('pro');
    expect(await cell(empty).textContent()).toBe('');
    await page.getByTestId('queue-columns').click();
    await page.getByLabel('Filter by field').selectOption('plan');
    await page.getByLabel('Field value').selectOption('pro');
    await expect.poll(async () => page.getByTestId('ticket-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-number'))))).toEqual([number]);
    // The column is remembered across visits.
    await page.reload();
    await expect.poll(() => page.getByTestId('column-head-plan').count()).toBe(1);
  });
});
