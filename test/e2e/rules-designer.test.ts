import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite, logIn as logInAs } from './console-suite';
import { createTicketInDialog } from './new-ticket-dialog';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

const logIn = (org: Org): Promise<Page> => logInAs({ stack, browser }, org.owner, { context: { timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1400, height: 1000 } } });

/** Opens a naive-ui select and picks the option whose text matches, typing first to filter long lists. */
async function choose(page: Page, select: Locator, label: string | RegExp, filter?: string): Promise<void> {
  await select.click();
  if (filter) await page.keyboard.type(filter);
  const text = typeof label === 'string' ? new RegExp(`^${label.replace(/[()/.*+?]/g, '\\$&')}$`) : label;
  await page.locator('.n-base-select-option:visible', { hasText: text }).first().click();
}


describe('the rule designer', () => {
  it('an admin builds a rule visually, the server checks it as they type, and a new matching ticket gets its actions', async () => {
    const org = await signupOrg(stack.url);
    const page = await logIn(org);

    await page.getByTestId('nav-rules').click();
    await expect.poll(() => page.getByTestId('rules-empty').isVisible()).toBe(true);
    await page.getByTestId('new-rule').click();
    await page.waitForURL('**/settings/rules/new');
    await expect.poll(() => page.getByTestId('template').count()).toBeGreaterThanOrEqual(3);

    await page.getByTestId('rule-name').fill('Refunds are urgent billing work');
    const created = page.getByTestId('event-ticket.created');
    const checked = () => created.evaluate((el) => el.classList.contains('n-checkbox--checked'));
    if (!(await checked())) await created.click();
    expect(await checked()).toBe(true);

    // The condition: subject matches a catastrophic pattern first, which the server refuses with
    // a pointer at the condition's value, shown on that condition; then subject contains "refund".
    const condition = page.getByTestId('condition').first();
    await choose(page, condition.getByTestId('condition-fact'), 'Subject', 'Subject');
    await choose(page, condition.getByTestId('condition-operator'), 'matches pattern');
    const checkedPattern = page.waitForResponse((response) => response.url().endsWith('/rules/validate') && (response.request().postData() ?? '').includes('(a+)+$'));
    await condition.getByTestId('condition-value-input').fill('(a+)+$');
    expect((await checkedPattern).status()).toBe(422);
    await expect.poll(() => condition.getByTestId('condition-problems').isVisible()).toBe(true);
    expect(await page.getByTestId('validation-state').getAttribute('data-state')).toBe('invalid');
    await choose(page, condition.getByTestId('condition-operator'), 'contains');
    await condition.getByTestId('condition-value-input').fill('refund');

    // The actions: the blank rule's first action becomes "set priority urgent", then "add tags billing".
    const priority = page.locator('[data-testid="action"][data-type="set_priority"]');
    await choose(page, priority.getByTestId('action-priority'), 'urgent');
    await choose(page, page.getByTestId('add-action'), 'Add tags');
    const tags = page.locator('[data-testid="action"][data-type="add_tags"]');
    await tags.locator('.n-dynamic-tags .n-button').last().click();
    await page.keyboard.type('billing');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('validation-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('valid');
    expect(await page.getByTestId('condition-problems').count()).toBe(0);

    // The JSON view shows the same rule; a broken edit is refused and the tree kept.
    await page.locator('.n-tabs-tab', { hasText: 'JSON' }).click();
    const json = JSON.parse(await page.getByTestId('rule-json').inputValue());
    expect(json).toMatchObject({
      events: ['ticket.created'],
      conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'refund' }] },
      actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_tags', tags: ['billing'] }],
    });
    await page.getByTestId('rule-json').fill('{ "name": ');
    await expect.poll(() => page.getByTestId('json-error').isVisible()).toBe(true);
    await page.locator('.n-tabs-tab', { hasText: 'Designer' }).click();
    expect(await page.getByTestId('condition').first().getByTestId('condition-value-input').inputValue()).toBe('refund');
    await docsShot(page, 'rule-designer');

    await page.getByTestId('save-rule').click();
    await page.waitForURL(/\/settings\/rules\/[0-9a-f-]{36}$/);
    const rules = (await org.api.get('/rules')).body.data;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      name: 'Refunds are urgent billing work', enabled: true, version: 1, events: ['ticket.created'],
      conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'refund' }] },
      actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_tags', tags: ['billing'] }],
    });

    await page.getByTestId('nav-rules').click();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(1);
    expect(await page.getByTestId('rule-name').textContent()).toBe('Refunds are urgent billing work');

    // A matching ticket, created in the console: the rule sets it urgent and tags it.
    await page.goto(`${stack.url}/tickets`);
    const number = await createTicketInDialog(page, {
      subject: 'Refund for order 1234', description: 'I was charged twice, please refund one payment.', requesterEmail: 'rory@customer.example',
    });
    await expect.poll(async () => (await org.api.get(`/tickets/${number}`)).body.priority, { timeout: 20_000 }).toBe('urgent');

    await page.reload();
    await expect.poll(() => page.getByTestId('priority-select').textContent(), { timeout: 10_000 }).toContain('urgent');
    expect(await page.getByTestId('tags').textContent()).toContain('billing');
    const fired = page.locator('[data-testid="timeline-event"][data-type="rule_fired"]');
    await expect.poll(() => fired.count(), { timeout: 10_000 }).toBe(1);
    const text = await fired.textContent();
    expect(text).toContain('Refunds are urgent billing work');
    expect(text).toContain('(v1) fired on ticket.created');
    expect(text).toContain('urgent');
    await docsShot(page, 'rule-fired');

    // The list counts the firing.
    await page.getByTestId('nav-rules').click();
    await expect.poll(() => page.getByTestId('rule-fire-count').textContent(), { timeout: 10_000 }).toBe('1');
    await page.context().close();
  });

  it('an admin starts from a template, dry-runs it on tickets and over history, then orders, disables, revises and deletes rules', async () => {
    const org = await signupOrg(stack.url);
    const refund = (await org.api.post('/tickets', newTicket({ subject: 'Need a refund for my order' }))).body.number;
    const printer = (await org.api.post('/tickets', newTicket({ subject: 'Printer on fire', description: 'Smoke everywhere.' }))).body.number;
    const page = await logIn(org);

    await page.goto(`${stack.url}/settings/rules/new`);
    await page.locator('[data-testid="template"][data-template="auto-assign-by-keyword"]').click();
    expect(await page.getByTestId('rule-name').inputValue()).toBe('Route billing questions');
    await expect.poll(() => page.locator('[data-testid="condition-group"][data-pointer=""]').getAttribute('data-kind')).toBe('any');
    expect(await page.getByTestId('condition').count()).toBe(2);
    await expect.poll(() => page.getByTestId('validation-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('valid');

    // Test on a ticket: the refund ticket matches through its subject, the printer one does not.
    await page.getByTestId('test-ticket').fill(String(refund));
    await page.getByTestId('run-test').click();
    await expect.poll(() => page.getByTestId('test-result').getAttribute('data-matched')).toBe('true');
    expect(await page.getByTestId('test-action').allTextContents()).toEqual([expect.stringContaining('billing')]);
    expect(await page.locator('[data-testid="result-node"][data-result="true"]').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('test-ticket').fill(String(printer));
    await page.getByTestId('run-test').click();
    await expect.poll(() => page.getByTestId('test-result').getAttribute('data-matched')).toBe('false');

    // Backtest over the recorded history: one firing, on the refund ticket's creation.
    await page.getByTestId('run-backtest').click();
    await expect.poll(() => page.getByTestId('backtest-match').count()).toBe(1);
    expect(await page.getByTestId('backtest-match').textContent()).toContain(`#${refund}`);
    expect(await page.getByTestId('backtest-summary').textContent()).toContain('2 tickets');
    await docsShot(page, 'rule-dry-runs');

    await page.getByTestId('save-rule').click();
    await page.waitForURL(/\/settings\/rules\/[0-9a-f-]{36}$/);
    const routeId = page.url().split('/').pop()!;
    const second = (await org.api.post('/rules', {
      name: 'Second rule', events: ['ticket.updated'], conditions: { all: [{ fact: 'change.status', operator: 'changedTo', value: 'solved' }] },
      actions: [{ type: 'add_tags', tags: ['done'] }],
    })).body;
    expect(second.position).toBeGreaterThan(0);

    // The list: drag the second rule to the top, disable the first, delete the second.
    await page.getByTestId('nav-rules').click();
    await expect.poll(() => page.getByTestId('rule-name').allTextContents()).toEqual(['Route billing questions', 'Second rule']);
    const rows = page.getByTestId('rule-row');
    await rows.nth(1).locator('.drag').dragTo(rows.nth(0).locator('.drag'));
    await expect.poll(async () => (await org.api.get('/rules')).body.data.map((r: { name: string }) => r.name)).toEqual(['Second rule', 'Route billing questions']);
    await page.reload();
    await expect.poll(() => page.getByTestId('rule-name').allTextContents()).toEqual(['Second rule', 'Route billing questions']);
    await page.getByTestId('rule-down').first().click();
    await expect.poll(async () => (await org.api.get('/rules')).body.data.map((r: { name: string }) => r.name)).toEqual(['Route billing questions', 'Second rule']);
    await expect.poll(() => page.getByTestId('rule-name').allTextContents()).toEqual(['Route billing questions', 'Second rule']);

    await page.locator(`[data-testid="rule-row"][data-id="${routeId}"] [data-testid="rule-enabled"]`).click();
    await expect.poll(async () => (await org.api.get(`/rules/${routeId}`)).body.enabled).toBe(false);

    await page.locator(`[data-testid="rule-row"][data-id="${second.id}"] [data-testid="delete-rule"]`).click();
    await page.locator('.n-popconfirm .n-button--primary-type').click();
    await expect.poll(async () => (await org.api.get('/rules')).body.data.length).toBe(1);
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(1);

    // A revision is a new version; the designer lists both.
    await page.getByTestId('rule-name').click();
    await page.waitForURL(`**/settings/rules/${routeId}`);
    await page.getByTestId('rule-name').fill('Route billing and invoice questions');
    await page.getByTestId('save-rule').click();
    await expect.poll(async () => (await org.api.get(`/rules/${routeId}`)).body.version).toBe(2);
    await expect.poll(() => page.locator('[data-testid="rule-versions"] li').count()).toBe(2);
    await page.context().close();
  });
});
