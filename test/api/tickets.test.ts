import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addMember, newTicket, signupOrg, type Member, type Org } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { startAgentStack } from '../helpers/org-stack';
import { stackForSuite } from '../helpers/suite-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
let agent: Member;
stackForSuite(startAgentStack, (started) => ({ stack, org, agent } = started));

async function create(overrides: Record<string, unknown> = {}) {
  const response = await agent.api.post('/tickets', newTicket(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('POST /tickets', () => {
  it('opens a ticket with sequential numbers, a requester contact and a created event', async () => {
    const first = await create({ priority: 'high', tags: ['VIP', 'billing'], fields: { plan: 'pro' } });
    const second = await create();
    expect(second.number).toBe(first.number + 1);
    expect(first).toMatchObject({ status: 'new', priority: 'high', channel: 'web', tags: ['billing', 'vip'], fields: { plan: 'pro' }, assignee: null });
    expect(first.requester.name).toBe('Casey Customer');
    const timeline = await agent.api.get(`/tickets/${first.number}/timeline`);
    expect(timeline.body.data).toHaveLength(1);
    expect(timeline.body.data[0]).toMatchObject({ type: 'created', actor: { id: agent.id }, data: { subject: 'Printer on fire' } });
  });

  it('rejects bad input with a 400 naming each field', async () => {
    const response = await agent.api.post('/tickets', { subject: '', description: 'x', priority: 'asap', requester: { email: 'nope' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/priority', '/requester/email', '/subject']);
  });

  it('is for agents: customers and technicians get 403, strangers 401', async () => {
    const customer = await addMember(org, 'customer');
    const technician = await addMember(org, 'technician');
    expect((await customer.api.post('/tickets', newTicket())).status).toBe(403);
    expect((await technician.api.post('/tickets', newTicket())).status).toBe(403);
    expect((await technician.api.get('/tickets')).status).toBe(403);
    expect((await org.api.as(null).post('/tickets', newTicket())).status).toBe(401);
  });

  it('with an Idempotency-Key, 50 concurrent retries create exactly one ticket', async () => {
    const key = randomUUID();
    const body = newTicket({ subject: `Idempotent ${key}` });
    const responses = await Promise.all(Array.from({ length: 50 }, () => agent.api.post('/tickets', body, { 'Idempotency-Key': key })));
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((response) => response.body.number)).size).toBe(1);
    const found = await agent.api.get(`/tickets?q=${encodeURIComponent(key)}`);
    expect(found.body.data).toHaveLength(1);

    const reused = await agent.api.post('/tickets', { ...body, subject: 'Something else' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
  });
});

describe('ticket commands', () => {
  it('reply, assign, status and patch each change the ticket and append to its timeline', async () => {
    const ticket = await create();
    const path = `/tickets/${ticket.number}`;
    const note = await agent.api.post(`${path}/replies`, { body: 'Checking the logs', visibility: 'internal' });
    expect(note.body.status).toBe('new');
    const reply = await agent.api.post(`${path}/replies`, { body: 'We are on it', visibility: 'public' });
    expect(reply.body.status).toBe('open');
    const assigned = await agent.api.post(`${path}/assign`, { assigneeId: agent.id });
    expect(assigned.body.assignee).toEqual({ id: agent.id, name: 'agent person' });
    const patched = await agent.api.patch(path, { priority: 'urgent', tags: ['outage'], fields: { region: 'eu' } });
    expect(patched.body).toMatchObject({ priority: 'urgent', tags: ['outage'], fields: { region: 'eu' } });
    const solved = await agent.api.post(`${path}/status`, { status: 'solved' });
    expect(solved.body.status).toBe('solved');

    // The public reply is mailed in the background; this org has no mailbox, so the timeline
    // also says, once and at some point after the reply, that it was not sent.
    const timeline = await eventually(() => agent.api.get(`${path}/timeline`), (r) => r.body.data.some((event: { type: string }) => event.type === 'email_delivery'));
    const events: { type: string; data: unknown }[] = timeline.body.data;
    const changes = events.filter((event) => event.type !== 'email_delivery');
    expect(changes.map((event) => event.type)).toEqual([
      'created', 'replied', 'replied', 'status_changed', 'assigned', 'priority_changed', 'tags_changed', 'fields_changed', 'status_changed',
    ]);
    expect(changes[1]?.data).toEqual({ body: 'Checking the logs', visibility: 'internal' });
    expect(changes.at(-1)?.data).toEqual({ from: 'open', to: 'solved' });
    const deliveries = events.filter((event) => event.type === 'email_delivery');
    expect(deliveries.map((event) => event.data)).toEqual([expect.objectContaining({ kind: 'reply', state: 'failed', detail: 'not sent: the organization has no mailbox to send from' })]);
    expect(events.findIndex((event) => event.type === 'email_delivery')).toBeGreaterThan(2);
  });

  it('refuses lifecycle jumps with 409 and leaves the ticket as it was', async () => {
    const ticket = await create();
    const path = `/tickets/${ticket.number}`;
    const jump = await agent.api.post(`${path}/status`, { status: 'closed' });
    expect(jump.status).toBe(409);
    expect(jump.body.type).toMatch(/invalid-transition$/);
    expect(jump.body.detail).toContain('new');
    expect((await agent.api.get(path)).body.status).toBe('new');
    expect((await agent.api.get(`${path}/timeline`)).body.data).toHaveLength(1);
  });

  it('refuses any change to a closed ticket with 409', async () => {
    const ticket = await create();
    const path = `/tickets/${ticket.number}`;
    await agent.api.post(`${path}/status`, { status: 'solved' });
    expect((await agent.api.post(`${path}/status`, { status: 'closed' })).status).toBe(200);
    const reply = await agent.api.post(`${path}/replies`, { body: 'Too late', visibility: 'public' });
    expect(reply.status).toBe(409);
    expect(reply.body.type).toMatch(/ticket-closed$/);
    expect((await agent.api.patch(path, { priority: 'low' })).status).toBe(409);
  });

  it('refuses an unknown or non-agent assignee with 422 pointing at assigneeId', async () => {
    const ticket = await create();
    const customer = await addMember(org, 'customer');
    for (const assigneeId of [randomUUID(), customer.id]) {
      const response = await agent.api.post(`/tickets/${ticket.number}/assign`, { assigneeId });
      expect(response.status).toBe(422);
      expect(response.body.errors[0].pointer).toBe('/assigneeId');
    }
    expect((await agent.api.get(`/tickets/${ticket.number}`)).body.assigneeId).toBeNull();
  });

  it('assigns to a team of the org, and refuses a team that is not one with 422', async () => {
    const team = await org.api.post('/teams', { name: `Tier 2 ${randomUUID().slice(0, 4)}`, memberIds: [agent.id] });
    expect(team.status).toBe(201);
    expect((await agent.api.get('/teams')).body.data).toContainEqual(team.body);
    expect((await agent.api.post('/teams', { name: 'Not allowed' })).status).toBe(403);
    const strangers = await org.api.post('/teams', { name: 'Strangers', memberIds: [randomUUID()] });
    expect(strangers.status).toBe(422);
    expect(strangers.body.errors[0].pointer).toBe('/memberIds/0');

    const ticket = await create();
    const assigned = await agent.api.post(`/tickets/${ticket.number}/assign`, { teamId: team.body.id });
    expect(assigned.body).toMatchObject({ teamId: team.body.id, assigneeId: null, status: 'new' });
    const other = await signupOrg(stack.url);
    const foreignTeam = await other.api.post('/teams', { name: 'Elsewhere' });
    const refused = await agent.api.post(`/tickets/${ticket.number}/assign`, { teamId: foreignTeam.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/teamId');
  });

  it('validates command bodies with 400 and unknown tickets with 404', async () => {
    const ticket = await create();
    expect((await agent.api.post(`/tickets/${ticket.number}/replies`, { body: '', visibility: 'public' })).status).toBe(400);
    expect((await agent.api.post(`/tickets/${ticket.number}/status`, { status: 'archived' })).status).toBe(400);
    expect((await agent.api.post(`/tickets/${ticket.number}/assign`, {})).status).toBe(400);
    expect((await agent.api.patch(`/tickets/${ticket.number}`, {})).status).toBe(400);
    expect((await agent.api.get('/tickets/not-a-number')).status).toBe(400);
    expect((await agent.api.get('/tickets/999999')).status).toBe(404);
    expect((await agent.api.post('/tickets/999999/replies', { body: 'hi' })).status).toBe(404);
  });

  it('a retried command with the same Idempotency-Key is applied once', async () => {
    const ticket = await create();
    const key = randomUUID();
    const replies = await Promise.all(
      [1, 2, 3].map(() => agent.api.post(`/tickets/${ticket.number}/replies`, { body: 'Once only', visibility: 'internal' }, { 'Idempotency-Key': key })),
    );
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    const timeline = await agent.api.get(`/tickets/${ticket.number}/timeline`);
    expect(timeline.body.data.filter((event: { type: string }) => event.type === 'replied')).toHaveLength(1);
  });

  it('a command retried with the same Idempotency-Key and another body is a 422, not a silent drop', async () => {
    const ticket = await create();
    const key = randomUUID();
    const first = await agent.api.post(`/tickets/${ticket.number}/replies`, { body: 'First words', visibility: 'internal' }, { 'Idempotency-Key': key });
    expect(first.status).toBe(200);
    const reused = await agent.api.post(`/tickets/${ticket.number}/replies`, { body: 'Other words', visibility: 'internal' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
    const retried = await agent.api.post(`/tickets/${ticket.number}/replies`, { body: 'First words', visibility: 'internal' }, { 'Idempotency-Key': key });
    expect(retried.status).toBe(200);
    // The key is the request's on this ticket and this command only.
    expect((await agent.api.post(`/tickets/${ticket.number}/status`, { status: 'open' }, { 'Idempotency-Key': key })).status).toBe(200);
    const other = await create();
    expect((await agent.api.post(`/tickets/${other.number}/replies`, { body: 'Other words', visibility: 'internal' }, { 'Idempotency-Key': key })).status).toBe(200);
    const timeline = await agent.api.get(`/tickets/${ticket.number}/timeline`);
    const replies = timeline.body.data.filter((event: { type: string }) => event.type === 'replied');
    expect(replies.map((event: { data: { body: string } }) => event.data.body)).toEqual(['First words']);
  });

  it('dispatchers may read but not change tickets', async () => {
    const ticket = await create();
    const dispatcher = await addMember(org, 'dispatcher');
    expect((await dispatcher.api.get(`/tickets/${ticket.number}`)).status).toBe(200);
    expect((await dispatcher.api.post(`/tickets/${ticket.number}/replies`, { body: 'hi' })).status).toBe(403);
  });
});

describe('GET /tickets', () => {
  it('filters by status, assignee, priority, tag and full text, with counts per status', async () => {
    const own = await signupOrg(stack.url);
    const me = await addMember(own, 'agent');
    const mk = async (body: Record<string, unknown>) => (await me.api.post('/tickets', newTicket(body))).body.number as number;
    const refund = await mk({ subject: 'Refund for order 1234', priority: 'high', tags: ['billing'] });
    const login = await mk({ subject: 'Cannot sign in', description: 'The password reset email never arrives.' });
    const other = await mk({ subject: 'Feature idea', priority: 'low' });
    await me.api.post(`/tickets/${login}/assign`, { assigneeId: me.id });
    await me.api.post(`/tickets/${other}/status`, { status: 'pending' });
    await me.api.post(`/tickets/${refund}/replies`, { body: 'The chargeback was filed yesterday.', visibility: 'public' });

    const numbers = async (query: string) => ((await me.api.get(`/tickets?${query}`)).body.data as { number: number }[]).map((t) => t.number).sort();
    expect(await numbers('status=pending')).toEqual([other]);
    expect(await numbers('status=open,pending')).toEqual([refund, login, other].sort());
    expect(await numbers(`assigneeId=${me.id}`)).toEqual([login]);
    expect(await numbers('assigneeId=none')).toEqual([refund, other].sort());
    expect(await numbers('priority=high')).toEqual([refund]);
    expect(await numbers('tag=billing')).toEqual([refund]);
    expect(await numbers('q=password')).toEqual([login]);
    expect(await numbers('q=chargeback')).toEqual([refund]);

    const counts = await me.api.get('/tickets/counts');
    expect(counts.body).toEqual({ new: 0, open: 2, pending: 1, on_hold: 0, solved: 0, closed: 0 });
    expect((await me.api.get('/tickets/counts?priority=low')).body.pending).toBe(1);
    expect((await me.api.get('/tickets?status=bogus')).status).toBe(400);
  });

  it('pages with a cursor, newest change first, without repeats or gaps', async () => {
    const own = await signupOrg(stack.url);
    const made: number[] = [];
    for (let i = 0; i < 7; i++) made.push((await own.api.post('/tickets', newTicket({ subject: `Page ${i}` }))).body.number);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: { data: { number: number }[]; nextCursor: string | null } } = await own.api.get(`/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...response.body.data.map((ticket) => ticket.number));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect((await own.api.get('/tickets?cursor=garbage')).status).toBe(400);
  });
});

describe('saved views', () => {
  it('saves, lists and deletes a member’s own views', async () => {
    const view = await agent.api.post('/views', { name: 'My urgent', filters: { priority: 'urgent', assigneeId: agent.id } });
    expect(view.status).toBe(201);
    expect((await agent.api.get('/views')).body.data).toContainEqual(view.body);
    expect((await org.api.get('/views')).body.data).not.toContainEqual(view.body);
    expect((await org.api.delete(`/views/${view.body.id}`)).status).toBe(404);
    expect((await agent.api.delete(`/views/${view.body.id}`)).status).toBe(204);
    expect((await agent.api.get('/views')).body.data).not.toContainEqual(view.body);
  });
});

describe('service endpoints', () => {
  it('reports health, serves the OpenAPI document and its rendering', async () => {
    const health = await org.api.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
    const openapi = await org.api.get('/api/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets', '/api/v1/tickets/{number}/replies', '/api/v1/auth/login']));
    expect(openapi.body.paths['/api/v1/tickets'].post.requestBody.content['application/json'].schema).toBeTruthy();
    const docs = await org.api.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    expect((await org.api.get('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
    const missing = await org.api.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
