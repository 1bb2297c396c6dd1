import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTicket, signupOrg } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

describe('smoke', () => {
  it('creates and works a ticket', async () => {
    const org = await signupOrg(stack.url);
    const created = await org.api.post('/tickets', newTicket());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const n = created.body.number;
    const reply = await org.api.post(`/tickets/${n}/replies`, { body: 'hello', visibility: 'public' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.status).toBe('open');
  });
});
