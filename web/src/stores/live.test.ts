import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { useTokenStore } from '../api/client';
import { FakeSocket } from '../realtime/fake-socket';
import { useLiveStore } from './live';

const me = '11111111-1111-4111-8111-111111111111';
/** An access token that expires in an hour, as the handshake reads it. */
const token = `x.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }))}.y`;

const event = (seq: number, topic: string): LoggedEvent => ({ seq, type: 'ticket.replied', topic, at: '2026-01-01T00:00:00.000Z', data: {} });

let sockets: FakeSocket[];
beforeEach(() => {
  setActivePinia(createPinia());
  sockets = [];
  useTokenStore({ accessToken: () => token, update: () => undefined, expired: () => undefined });
});
afterEach(() => vi.useRealTimers());

async function started() {
  const live = useLiveStore();
  live.start(me, { url: 'ws://x/api/v1/ws', socket: (url, protocols) => { const s = new FakeSocket(url, protocols); sockets.push(s); return s; } });
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  sockets[0]!.open();
  return { live, socket: sockets[0]! };
}

describe('the live store', () => {
  it('keeps one socket subscribed to the member’s notifications and the union of the pages’ topics', async () => {
    const { live, socket } = await started();
    expect(socket.sent.at(-1)).toEqual({ type: 'subscribe', topics: [`notifications:${me}`] });
    socket.receive({ type: 'subscribed', topics: [], upTo: 4 });
    const queue: number[] = [];
    const one: number[] = [];
    const stopQueue = live.listen(['queue'], (e) => queue.push(e.seq));
    live.listen(['ticket:7'], (e) => one.push(e.seq));
    // New topics are replayed from the last seq the socket saw, so nothing falls between a page's fetch and its subscription.
    expect(socket.sent.at(-1)).toEqual({ type: 'subscribe', topics: [`notifications:${me}`, 'queue', 'ticket:7'], after: 4 });
    socket.receive(event(5, 'ticket:7'));
    socket.receive(event(6, 'ticket:8'));
    expect(queue).toEqual([5, 6]);
    expect(one).toEqual([5]);
    stopQueue();
    expect(socket.sent.at(-1)).toEqual({ type: 'subscribe', topics: [`notifications:${me}`, 'ticket:7'], after: 6 });
    socket.receive(event(7, 'ticket:8'));
    expect(queue).toEqual([5, 6]);
    expect(sockets).toHaveLength(1);
  });

  it('hands presence to its listeners and sends presence on the open socket', async () => {
    const { live, socket } = await started();
    const heard: unknown[] = [];
    live.onControl((message) => heard.push(message));
    live.send({ type: 'presence', ticket: 7, activity: 'viewing' });
    expect(socket.sent.at(-1)).toEqual({ type: 'presence', ticket: 7, activity: 'viewing' });
    socket.receive({ type: 'presence', ticket: 7, members: [{ userId: me, typing: false }] });
    expect(heard).toEqual([{ type: 'presence', ticket: 7, members: [{ userId: me, typing: false }] }]);
  });
});
