import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, PASSWORD, signupOrg } from '../helpers/api-client';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';
import { docsShot } from './docs-shot';

let suite: ConsoleSuite;

beforeAll(async () => { suite = await startConsoleSuite(); });
afterAll(async () => { await stopConsoleSuite(suite); });

describe('macros in the ticket composer', () => {
  it('an agent presses m, finds a macro by name, and the ticket and composer show what it did', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const ticket = (await org.api.post('/tickets', newTicket({ subject: 'Charged twice' }))).body;
    await org.api.post('/macros', { name: 'Other answer', reply: { body: 'Not this one.' } });
    const created = await org.api.post('/macros', {
      name: 'Refund issued',
      reply: { body: 'Hi {{requester.name}}, the refund for #{{ticket.number}} is on its way.' },
      actions: [{ type: 'add_tags', tags: ['refund'] }, { type: 'set_priority', priority: 'high' }, { type: 'assign_agent', agentId: 'me' }],
    });
    expect(created.status).toBe(201);

    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/tickets/${ticket.number}`);
    await expect.poll(() => page.getByTestId('ticket-title').textContent()).toContain('Charged twice');
    await page.keyboard.press('m');
    await page.getByTestId('macro-search').fill('refund');
    await docsShot(page, 'agent-macro-picker');
    await page.getByTestId('macro-search').press('Enter');

    await expect.poll(() => page.getByTestId('reply-body').inputValue()).toBe(`Hi Casey Customer, the refund for #${ticket.number} is on its way.`);
    await expect.poll(() => page.getByTestId('tags').textContent()).toContain('refund');
    const after = (await agent.api.get(`/tickets/${ticket.number}`)).body;
    expect(after).toMatchObject({ priority: 'high', assigneeId: agent.id, tags: ['refund'] });
    expect((await agent.api.get(`/macros/${created.body.id}`)).body.usageCount).toBe(1);

    // The agent sends what the macro wrote, as any reply.
    await page.getByTestId('reply-send').click();
    await expect.poll(async () => (await agent.api.get(`/tickets/${ticket.number}/timeline`)).body.data.some(
      (event: { type: string; data: { body?: string } }) => event.type === 'replied' && event.data.body?.startsWith('Hi Casey'))).toBe(true);
    await page.context().close();
  });

  it('an agent merges a ticket into another from its page, links a third, copies someone, logs a call and splits a message out', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const open = async (subject: string) => (await org.api.post('/tickets', newTicket({ subject }))).body.number as number;
    const duplicate = await open('Printer offline again');
    const original = await open('Printer offline');
    const problem = await open('All printers on floor 2');
    await org.api.post(`/tickets/${original}/replies`, { body: 'Also the scanner is broken.', visibility: 'internal' });

    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/tickets/${duplicate}`);
    await page.getByTestId('merge-open').click();
    await page.getByTestId('merge-into').fill(String(original));
    await page.getByTestId('merge-confirm').click();

    // The console follows the conversation to the ticket it went into, which shows the merged one's.
    await expect.poll(() => page.url()).toContain(`/tickets/${original}`);
    await expect.poll(() => page.getByTestId('merged-from').textContent()).toContain(`#${duplicate}`);
    await docsShot(page, 'agent-merged-ticket');
    await expect.poll(() => page.locator(`[data-testid="merged-conversation"][data-number="${duplicate}"]`).count()).toBe(1);
    expect((await agent.api.get(`/tickets/${duplicate}`)).body.status).toBe('closed');

    await page.getByTestId('link-number').fill(String(problem));
    await page.getByTestId('link-add').click();
    await expect.poll(() => page.locator(`[data-testid="ticket-link"][data-number="${problem}"]`).count()).toBe(1);
    expect((await agent.api.get(`/tickets/${problem}/relations`)).body.links).toEqual([expect.objectContaining({ number: original, kind: 'related' })]);

    await page.getByTestId('cc-email').fill('facilities@example.com');
    await page.getByTestId('cc-add').click();
    await expect.poll(() => page.getByTestId('ticket-ccs').textContent()).toContain('facilities@example.com');
    await page.getByTestId('call-open').click();
    await page.getByTestId('call-number').fill('+1 555 0100');
    await page.getByTestId('call-minutes').fill('3');
    await page.getByTestId('call-notes-input').fill('Printer back online after a restart.');
    await page.getByTestId('call-log').click();
    await expect.poll(() => page.getByTestId('call-notes').textContent()).toContain('back online');
    expect((await agent.api.get(`/tickets/${original}/timeline`)).body.data.find((event: { type: string }) => event.type === 'call_logged').data)
      .toMatchObject({ direction: 'inbound', phoneNumber: '+1 555 0100', durationSeconds: 180 });

    await page.getByTestId('split-message').first().click();
    await expect.poll(() => page.getByTestId('ticket-title').textContent()).toContain(`(split from #${original})`);
    const splitNumber = Number(page.url().split('/').at(-1));
    expect((await agent.api.get(`/tickets/${splitNumber}`)).body.description).toBe('Also the scanner is broken.');
    await page.context().close();
  });

  it('an agent ticks three tickets in the queue and assigns them at once, and sees a refused one by number', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const subjects = ['Bulk one', 'Bulk two', 'Bulk three'];
    const numbers: number[] = [];
    for (const subject of subjects) numbers.push((await org.api.post('/tickets', newTicket({ subject }))).body.number);
    const untouched = (await org.api.post('/tickets', newTicket({ subject: 'Leave me' }))).body.number as number;

    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    const row = (number: number) => page.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await expect.poll(() => row(numbers[2]!).count()).toBe(1);
    for (const number of numbers) await row(number).getByTestId('ticket-check').check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 selected');
    await docsShot(page, 'agent-bulk-actions');
    await page.getByTestId('bulk-assignee').selectOption('me');
    await page.getByTestId('bulk-assign').click();

    await expect.poll(async () => Promise.all(numbers.map(async (n) => (await row(n).textContent()) ?? ''))).toEqual(subjects.map(() => expect.stringContaining('agent person')));
    for (const number of numbers) expect((await agent.api.get(`/tickets/${number}`)).body.assignee?.id).toBe(agent.id);
    expect((await agent.api.get(`/tickets/${untouched}`)).body.assignee).toBeNull();
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);

    // Sorted by urgency the urgent one leads; a column chosen for the queue stays chosen.
    await agent.api.patch(`/tickets/${numbers[1]}`, { priority: 'urgent' });
    await page.getByTestId('queue-sort').selectOption('-priority');
    await expect.poll(() => page.getByTestId('ticket-row').first().getAttribute('data-number')).toBe(String(numbers[1]));
    await page.getByTestId('queue-columns').click();
    await page.getByTestId('column-channel').click();
    await expect.poll(() => row(numbers[1]!).getByTestId('ticket-channel').textContent()).toBe('web');
    await page.reload();
    await expect.poll(() => row(numbers[1]!).getByTestId('ticket-channel').count()).toBe(1);

    // Solving one, then tagging all three: the bar reports none refused; closing a solved one then refuses
    // a later change to it, reported by its number while the others are done.
    await agent.api.post(`/tickets/${numbers[0]}/status`, { status: 'solved' });
    await agent.api.post(`/tickets/${numbers[0]}/status`, { status: 'closed' });
    await page.getByTestId('status-all').click();
    for (const number of numbers) await row(number).getByTestId('ticket-check').check();
    await page.getByTestId('bulk-tag').fill('printer');
    await page.getByTestId('bulk-add-tag').click();
    await expect.poll(() => page.getByText(`#${numbers[0]}: Ticket #${numbers[0]} is closed`).count()).toBe(1);
    await expect.poll(async () => (await agent.api.get(`/tickets/${numbers[1]}`)).body.tags).toEqual(['printer']);
    expect((await agent.api.get(`/tickets/${numbers[0]}`)).body.tags).toEqual([]);
    await page.context().close();
  });
});
