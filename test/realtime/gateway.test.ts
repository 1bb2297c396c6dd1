import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../domain/realtime/event';
import { addMember, newTicket, type ApiClient, type Org } from '../helpers/api-client';
import { TEST_JWT_SECRET, type TestStack } from '../helpers/test-stack';
import { TestSocket } from '../helpers/ws-client';
import { startTwoApiProcesses, stopTwoApiProcesses } from './two-api-processes';

let stack: TestStack;
/** A second API process (no worker) on the same database: it learns of events only through NOTIFY. */
let other: TestStack;
let orgA: Org;
let orgB: Org;
const sockets: TestSocket[] = [];

async function open(baseUrl: string, token: string | null, options: { autoPong?: boolean } = {}): Promise<TestSocket> {
  const socket = await TestSocket.open(baseUrl, token, options);
  sockets.push(socket);
  return socket;
}

/** Every event the caller may read, through the HTTP endpoint, following nextCursor. */
async function allEvents(api: ApiClient, limit = 1000): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await api.get(`/events?after=${after}&limit=${limit}`);
    expect(page.status).toBe(200);
    events.push(...page.body.data);
    if (page.body.nextCursor === null) return events;
    after = Number(page.body.nextCursor);
  }
}

beforeAll(async () => {
  ({ stack, other, orgA, orgB } = await startTwoApiProcesses({ first: { realtime: { heartbeatMs: 300 } }, other: { realtime: { sweepMs: 3_600_000 } } }));
});
afterAll(() => stopTwoApiProcesses({ stack, other }, sockets));

describe('the event log as ticket changes write it', () => {
  it('has one event per timeline entry, in order, and pages through GET /events with nextCursor', async () => {
    const created = await orgA.api.post('/tickets', newTicket({ subject: 'A-secret paging' }));
    const number = created.body.number;
    await orgA.api.post(`/tickets/${number}/replies`, { body: 'first', visibility: 'internal' });
    await orgA.api.post(`/tickets/${number}/status`, { status: 'pending' });
    await orgA.api.patch(`/tickets/${number}`, { priority: 'high' });

    const timeline = await orgA.api.get(`/tickets/${number}/timeline?limit=200`);
    const log = (await allEvents(orgA.api)).filter((event) => event.topic === `ticket:${number}`);
    expect(log.map((event) => event.type)).toEqual(timeline.body.data.map((entry: { type: string }) => `ticket.${entry.type}`));
    expect(log.at(-1)!.data).toMatchObject({ number, ticket: { status: 'pending', priority: 'high' } });
    expect(Object.keys(log[0]!).sort()).toEqual(['at', 'data', 'seq', 'topic', 'type']);

    const whole = await allEvents(orgA.api);
    const paged = await allEvents(orgA.api, 2);
    expect(paged).toEqual(whole);
    expect(whole.map((event) => event.seq)).toEqual([...whole.map((event) => event.seq)].sort((a, b) => a - b));
    const first = await orgA.api.get('/events?limit=2');
    expect(first.body.nextCursor).toBe(String(whole[1]!.seq));
    const past = await orgA.api.get(`/events?after=${whole.at(-1)!.seq}`);
    expect(past.body).toEqual({ data: [], nextCursor: null });

    const bad = await orgA.api.get('/events?after=-1');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a technician none of the ticket events', async () => {
    const technician = await addMember(orgA, 'technician');
    const events = await allEvents(technician.api);
    expect(events.filter((event) => event.topic.startsWith('ticket:'))).toEqual([]);
  });
});

describe('the WebSocket gateway', () => {
  it('refuses a missing, a bad, an expired and a logged-out token', async () => {
    await expect(open(stack.url, null)).rejects.toMatchObject({ status: 401, body: { type: expect.stringContaining('unauthenticated') } });
    await expect(open(stack.url, 'not-a-token')).rejects.toMatchObject({ status: 401 });
    const forged = await new SignJWT({ ...decodeJwt(orgA.api.token!) }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('another-secret-another-secret-123456'));
    await expect(open(stack.url, forged)).rejects.toMatchObject({ status: 401 });
    const claims = decodeJwt(orgA.api.token!);
    const expired = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(TEST_JWT_SECRET);
    await expect(open(stack.url, expired)).rejects.toMatchObject({ status: 401, body: { detail: expect.stringContaining('expired') } });

    // A second session of the owner, logged out: its unexpired access token no longer opens a socket.
    const login = await orgA.api.as(null).post('/auth/login', { email: orgA.owner.email, password: orgA.owner.password });
    expect((await orgA.api.as(null).post('/auth/logout', { refreshToken: login.body.refreshToken })).status).toBe(204);
    await expect(open(stack.url, login.body.accessToken)).rejects.toMatchObject({ status: 401, body: { detail: expect.stringContaining('session has ended') } });
  });

  it('refuses topics the member may not read, and another member’s notifications', async () => {
    const technician = await addMember(orgA, 'technician');
    const socket = await open(stack.url, technician.api.token);
    socket.send({ type: 'subscribe', topics: ['queue'] });
    socket.send({ type: 'subscribe', topics: [`notifications:${orgA.owner.id}`] });
    socket.send({ type: 'nonsense' });
    await expect.poll(() => socket.controls().map((message) => message.type === 'error' && message.error)).toEqual(['forbidden-topic', 'forbidden-topic', 'invalid-message']);
    await socket.subscribe([`notifications:${technician.id}`]);
  });

  it('after a forced disconnect, resuming from the last seq delivers every event exactly once', async () => {
    const head = (await allEvents(orgA.api)).at(-1)?.seq ?? 0;
    const first = await open(stack.url, orgA.api.token);
    await first.subscribe(['queue'], head);
    const created = await orgA.api.post('/tickets', newTicket({ subject: 'A-secret resume' }));
    const number = created.body.number;
    // Changes go on while the socket drops and comes back.
    const changes = (async () => {
      for (let i = 0; i < 8; i++) await orgA.api.post(`/tickets/${number}/replies`, { body: `reply ${i}`, visibility: 'internal' });
    })();
    await expect.poll(() => first.events().length).toBeGreaterThanOrEqual(3);
    first.ws.terminate();
    const seen = first.lastSeq();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const second = await open(stack.url, orgA.api.token);
    await second.subscribe(['queue'], seen);
    await changes;
    const expected = (await allEvents(orgA.api)).filter((event) => event.seq > head && event.topic.startsWith('ticket:'));
    expect(expected.filter((event) => event.type === 'ticket.replied')).toHaveLength(8);
    await expect.poll(() => second.lastSeq()).toBe(expected.at(-1)!.seq);
    const received = [...first.events().filter((event) => event.seq <= seen), ...second.events()];
    expect(received.map((event) => event.seq)).toEqual(expected.map((event) => event.seq));
    expect(received).toEqual(expected);
  });

  it('a subscriber of org B on another API process receives none of org A’s events, whatever it asks for', async () => {
    const aTicket = await orgA.api.post('/tickets', newTicket({ subject: 'A-secret tenant' }));
    const topics = ['queue', 'dispatch', `ticket:${aTicket.body.number}`, 'ticket:1', 'work-order:1', `notifications:${orgB.owner.id}`];
    const socket = await open(other.url, orgB.api.token);
    await socket.subscribe(topics, 0);
    socket.send({ type: 'subscribe', topics: [`notifications:${orgA.owner.id}`] });
    await orgA.api.post(`/tickets/${aTicket.body.number}/replies`, { body: 'A-secret reply', visibility: 'public' });
    await orgA.api.post(`/tickets/${aTicket.body.number}/status`, { status: 'solved' });
    const bTicket = await orgB.api.post('/tickets', newTicket({ subject: 'B sentinel' }));
    // The sentinel arrives live, through NOTIFY (this process has no worker and no sweep).
    await expect.poll(() => socket.events().some((event) => event.topic === `ticket:${bTicket.body.number}` && event.type === 'ticket.created')).toBe(true);

    const bLog = await allEvents(orgB.api);
    expect(socket.events()).toEqual(bLog.filter((event) => event.topic.startsWith('ticket:')));
    expect(JSON.stringify(socket.messages)).not.toContain('A-secret');
    expect(socket.controls().filter((message) => message.type === 'error').map((message) => message.type === 'error' && message.error)).toEqual(['forbidden-topic']);
  });

  it('closes a socket that stops answering pings and keeps one that answers', async () => {
    const dead = await open(stack.url, orgA.api.token, { autoPong: false });
    const live = await open(stack.url, orgA.api.token);
    await expect.poll(() => dead.closed).not.toBeNull();
    expect(live.closed).toBeNull();
  });
});
