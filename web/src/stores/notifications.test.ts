import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { useTokenStore } from '../api/client';
import { FakeSocket } from '../realtime/fake-socket';
import { fakeFetch } from './fake-fetch';
import { useLiveStore } from './live';
import { useNotificationsStore } from './notifications';

const me = '11111111-1111-4111-8111-111111111111';
const token = `x.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }))}.y`;
const created = (seq: number, id: string, channel = 'in_app'): LoggedEvent => ({
  seq, type: 'notification.created', topic: `notifications:${me}`, at: '2026-01-01T00:00:00.000Z',
  data: { id, channel, kind: 'assigned', message: `Ann assigned #${seq} to you`, ticketNumber: seq, createdAt: '2026-01-01T00:00:00.000Z' },
});

let sockets: FakeSocket[];
beforeEach(() => {
  setActivePinia(createPinia());
  sockets = [];
  useTokenStore({ accessToken: () => token, update: () => undefined, expired: () => undefined });
});
afterEach(() => vi.unstubAllGlobals());

async function live() {
  const store = useLiveStore();
  store.start(me, { url: 'ws://x/api/v1/ws', socket: (url, protocols) => { const s = new FakeSocket(url, protocols); sockets.push(s); return s; } });
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  sockets[0]!.open();
  sockets[0]!.receive({ type: 'subscribed', topics: [], upTo: 0 });
  return sockets[0]!;
}

describe('the notifications store', () => {
  it('counts an in-app notification the moment its event arrives, then agrees with the server', async () => {
    const calls = fakeFetch({ status: 200, body: { count: 2 } }, { status: 200, body: { count: 3 } }, { status: 200, body: { count: 3 } });
    const socket = await live();
    const store = useNotificationsStore();
    store.start(me);
    await vi.waitFor(() => expect(store.unread).toBe(2));
    socket.receive(created(1, 'n1'));
    expect(store.unread).toBe(3);
    expect(store.items.map((n) => n.id)).toEqual(['n1']);
    // An email copy is not the bell's, and the same notification twice counts once.
    socket.receive(created(2, 'n2', 'email'));
    socket.receive(created(3, 'n1'));
    expect(store.unread).toBe(3);
    await vi.waitFor(() => expect(calls.filter((c) => c.url.endsWith('/unread-count')).length).toBeGreaterThanOrEqual(2));
    await vi.waitFor(() => expect(store.unread).toBe(3));
  });

  it('marks read locally and through the API, and follows reads made in another console', async () => {
    const read = { id: 'n1', kind: 'assigned', message: 'm', ticketNumber: 1, actorId: null, readAt: '2026-01-01T00:01:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' };
    const calls = fakeFetch({ status: 200, body: { count: 0 } }, { status: 200, body: { count: 2 } }, { status: 200, body: read }, { status: 200, body: { count: 0 } });
    const socket = await live();
    const store = useNotificationsStore();
    store.start(me);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    socket.receive(created(1, 'n1'));
    socket.receive(created(2, 'n2'));
    expect(store.unread).toBe(2);
    // The count read that was on its way when they came may predate them: it is read again, and that answer kept.
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    await vi.waitFor(() => expect(store.unread).toBe(2));
    await store.markRead('n1');
    expect(calls[2]).toMatchObject({ method: 'POST' });
    expect(calls[2]!.url).toContain('/api/v1/notifications/n1/read');
    expect(store.unread).toBe(1);
    expect(store.items.find((n) => n.id === 'n1')?.readAt).toBe(read.readAt);
    // Read everywhere from another console: the list follows, and the count is read again.
    socket.receive({ seq: 3, type: 'notification.read', topic: `notifications:${me}`, at: '2026-01-01T00:02:00.000Z', data: { all: true } });
    expect(store.items.every((n) => n.readAt !== null)).toBe(true);
    await vi.waitFor(() => expect(store.unread).toBe(0));
  });
});
