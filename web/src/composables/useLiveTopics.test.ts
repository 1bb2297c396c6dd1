import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { useTokenStore } from '../api/client';
import { FakeSocket } from '../realtime/fake-socket';
import { useLiveStore } from '../stores/live';
import { useLiveTopics } from './useLiveTopics';

const me = '11111111-1111-4111-8111-111111111111';
const token = `x.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }))}.y`;
const event = (seq: number): LoggedEvent => ({ seq, type: 'ticket.replied', topic: `ticket:${seq}`, at: '2026-01-01T00:00:00.000Z', data: {} });

let socket: FakeSocket;
beforeEach(async () => {
  setActivePinia(createPinia());
  useTokenStore({ accessToken: () => token, update: () => undefined, expired: () => undefined });
  const sockets: FakeSocket[] = [];
  useLiveStore().start(me, { url: 'ws://x/api/v1/ws', socket: (url, protocols) => { const s = new FakeSocket(url, protocols); sockets.push(s); return s; } });
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  socket = sockets[0]!;
  socket.open();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

/** The batches `onChange` was called with, as seq lists. */
function listening(timing?: { settleMs?: number; maxWaitMs?: number }) {
  const calls: number[][] = [];
  const scope = effectScope();
  scope.run(() => useLiveTopics(() => ['queue'], (events) => calls.push(events.map((e) => e.seq)), timing));
  return { calls, stop: () => scope.stop() };
}

describe('useLiveTopics', () => {
  it('calls once per burst, after the burst settles', () => {
    const { calls } = listening({ settleMs: 100, maxWaitMs: 1_000 });
    socket.receive(event(1));
    vi.advanceTimersByTime(50);
    socket.receive(event(2));
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([[1, 2]]);
  });

  it('still calls within the longest wait when events never pause', () => {
    const { calls } = listening({ settleMs: 100, maxWaitMs: 300 });
    for (let seq = 1; seq <= 10; seq += 1) {
      socket.receive(event(seq));
      vi.advanceTimersByTime(60);
    }
    // Events 60 ms apart never leave 100 ms of quiet: without the longest wait nothing would show.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]).toEqual([1, 2, 3, 4, 5]);
    expect(calls.flat()).toEqual([...Array(calls.flat().length).keys()].map((i) => i + 1));
  });

  it('stops listening with its scope', () => {
    const { calls, stop } = listening();
    stop();
    socket.receive(event(1));
    vi.advanceTimersByTime(5_000);
    expect(calls).toEqual([]);
  });
});
