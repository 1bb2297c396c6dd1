import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, PASSWORD, signupOrg } from '../helpers/api-client';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;

beforeAll(async () => { suite = await startConsoleSuite(); });
afterAll(async () => { await stopConsoleSuite(suite); });

describe('the Customers page', () => {
  it('an agent creates a company, sees it listed, renames it, and the ticket page names the requester\'s company', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const page = await logIn(suite, { email: agent.email, password: PASSWORD });

    await page.getByTestId('nav-customers').click();
    await page.waitForURL('**/customers');
    await page.getByTestId('new-company').click();
    await page.getByLabel('Name', { exact: true }).fill('Harbourline');
    await page.getByLabel('Email domains (one per line)').fill('Harbourline.example');
    await page.getByTestId('save-company').click();
    const row = page.getByTestId('company-row').filter({ hasText: 'harbourline.example' });
    await expect.poll(() => row.getByTestId('company-row-name').textContent()).toBe('Harbourline');

    await page.getByLabel('Name', { exact: true }).fill('Harbourline Logistics');
    await page.getByTestId('save-company').click();
    await expect.poll(() => row.getByTestId('company-row-name').textContent()).toBe('Harbourline Logistics');
    expect((await org.api.get(`/companies/${await row.getAttribute('data-id')}`)).body).toMatchObject({ name: 'Harbourline Logistics', domains: ['harbourline.example'] });

    // A new contact on the domain joins it; the ticket page says so.
    const ticket = (await org.api.post('/tickets', newTicket({ requester: { email: 'ops@harbourline.example', name: 'Ops' } }))).body;
    await page.goto(`${suite.stack.url}/tickets/${ticket.number}`);
    await expect.poll(() => page.getByTestId('requester-company').textContent()).toContain('Harbourline Logistics');
  });
});
