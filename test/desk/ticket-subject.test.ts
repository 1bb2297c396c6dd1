import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, type Org } from '../helpers/api-client';
import { startTwoOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let orgA: Org;
let orgB: Org;

beforeAll(async () => {
  ({ stack, orgA, orgB } = await startTwoOrgStack());
});
afterAll(async () => { await stack?.stop(); });

describe('POST /tickets/{number}/subject', () => {
  it('renames the ticket through its workflow; the timeline keeps the old subject, search finds the new one', async () => {
    const ticket = (await orgA.api.post('/tickets', newTicket({ subject: 'Printer on fire' }))).body;
    const renamed = await orgA.api.post(`/tickets/${ticket.number}/subject`, { subject: '  Duplex printing smokes ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.subject).toBe('Duplex printing smokes');
    expect((await orgA.api.get(`/tickets/${ticket.number}`)).body.subject).toBe('Duplex printing smokes');
    const events = (await orgA.api.get(`/tickets/${ticket.number}/timeline`)).body.data;
    expect(events.find((event: { type: string }) => event.type === 'subject_changed')?.data).toEqual({ from: 'Printer on fire', to: 'Duplex printing smokes' });
    const found = (await orgA.api.get('/tickets?q=duplex')).body.data.map((row: { number: number }) => row.number);
    expect(found).toContain(ticket.number);
  });

  it('refuses an empty subject, roles that do not work tickets, and other tenants', async () => {
    const ticket = (await orgA.api.post('/tickets', newTicket())).body;
    const empty = await orgA.api.post(`/tickets/${ticket.number}/subject`, { subject: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].pointer).toBe('/subject');
    expect((await orgA.api.post(`/tickets/${ticket.number}/subject`, { subject: 'x'.repeat(251) })).status).toBe(400);
    const dispatcher = await addMember(orgA, 'dispatcher');
    expect((await dispatcher.api.post(`/tickets/${ticket.number}/subject`, { subject: 'Mine now' })).status).toBe(403);
    expect((await orgB.api.post(`/tickets/${ticket.number}/subject`, { subject: 'Mine now' })).status).toBe(404);
    expect((await orgA.api.get(`/tickets/${ticket.number}`)).body.subject).toBe('Printer on fire');
  });
});
