import { describe, expect, it } from 'vitest';
import { newTicket, type Member } from '../helpers/api-client';
import { startAgentStack } from '../helpers/org-stack';
import { stackForSuite } from '../helpers/suite-stack';

let agent: Member;
stackForSuite(startAgentStack, (started) => ({ agent } = started));

const UNSTORABLE = [
  ['a NUL character', 'before \u0000 after'],
  ['a lone high surrogate', 'before \ud800 after'],
  ['a lone low surrogate', 'before \udc00 after'],
] as const;

function expectRefused(response: { status: number; headers: Headers; body: { errors?: { pointer: string }[] } }, pointer: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.errors?.map((error) => error.pointer)).toEqual([pointer]);
}

describe('text Postgres cannot store is refused at the edge', () => {
  it.each(UNSTORABLE)('a reply with %s is a 400, and the ticket still answers the next command', async (_, text) => {
    const ticket = (await agent.api.post('/tickets', newTicket())).body;
    expectRefused(await agent.api.post(`/tickets/${ticket.number}/replies`, { body: text, visibility: 'internal' }), '/body');
    const next = await agent.api.post(`/tickets/${ticket.number}/replies`, { body: 'A reply Postgres can store', visibility: 'internal' });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    const status = await agent.api.post(`/tickets/${ticket.number}/status`, { status: 'open' });
    expect(status.body.status).toBe('open');
  });

  it.each(UNSTORABLE)('a new ticket with %s in its subject is a 400 and burns no number', async (_, text) => {
    const before = (await agent.api.post('/tickets', newTicket())).body.number;
    expectRefused(await agent.api.post('/tickets', newTicket({ subject: text })), '/subject');
    const after = (await agent.api.post('/tickets', newTicket())).body.number;
    expect(after).toBe(before + 1);
  });

  it('points at nested fields and at object keys', async () => {
    expectRefused(await agent.api.post('/tickets', newTicket({ requester: { email: 'a@example.com', name: 'Ca\u0000sey' } })), '/requester/name');
    expectRefused(await agent.api.post('/tickets', newTicket({ fields: { ['pl\u0000an']: 'pro' } })), '/fields/pl\u0000an');
    expectRefused(await agent.api.post('/tickets', newTicket({ tags: ['ok', 'b\ud800d'] })), '/tags/1');
  });

  it('refuses them in query strings and in an Idempotency-Key too', async () => {
    expectRefused(await agent.api.get(`/tickets?q=${encodeURIComponent('printer\u0000')}`), '/q');
    expectRefused(await agent.api.get(`/tickets/counts?tag=${encodeURIComponent('\u0000')}`), '/tag');
    const ticket = (await agent.api.post('/tickets', newTicket())).body;
    expectRefused(await agent.api.get(`/tickets/${encodeURIComponent('1\u0000')}`), '/number');
    expect((await agent.api.get(`/tickets/${ticket.number}`)).status).toBe(200);
  });
});
