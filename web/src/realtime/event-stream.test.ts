import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { reconnectDelay } from './backoff';
import { eventStreamUrl, openEventStream } from './event-stream';
import { FakeSocket } from './fake-socket';

const event = (seq: number): LoggedEvent => ({ seq, type: 'ticket.replied', topic: 'ticket:1', at: '2026-01-01T00:00:00.000Z', data: {} });

let sockets: FakeSocket[];
const socket = (url: string, protocols: string[]) => {
  const fake = new FakeSocket(url, protocols);
  sockets.push(fake);
  return fake;
};

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('openEventStream', () => {
  it('offers the token as a subprotocol, subscribes, and hands over events once', async () => {
    const seen: number[] = [];
    const stream = openEventStream({ url: 'ws://x/api/v1/ws', token: () => 'tok', topics: ['queue'], onEvent: (e) => seen.push(e.seq), socket });
    await vi.runOnlyPendingTimersAsync();
    expect(sockets[0]!.protocols).toEqual(['keel.v1', 'bearer.tok']);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'subscribe', topics: ['queue'] }]);
    sockets[0]!.receive({ type: 'subscribed', topics: ['queue'], upTo: 4 });
    for (const seq of [5, 6, 6, 5, 7]) sockets[0]!.receive(event(seq));
    expect(seen).toEqual([5, 6, 7]);
    expect(stream.lastSeq()).toBe(7);
    stream.close();
  });

  it('reconnects with backoff after a drop and resumes after the last seq, with a fresh token', async () => {
    const statuses: string[] = [];
    let tokens = 0;
    const stream = openEventStream({
      url: 'ws://x/api/v1/ws', token: () => `t${++tokens}`, topics: ['ticket:1'], after: 10, onEvent: () => undefined,
      onStatus: (s) => statuses.push(s), backoff: { initialMs: 1000, maxMs: 8000, random: () => 1 }, socket,
    });
    await vi.runOnlyPendingTimersAsync();
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'subscribe', topics: ['ticket:1'], after: 10 }]);
    sockets[0]!.receive(event(11));
    sockets[0]!.drop();
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.protocols).toEqual(['keel.v1', 'bearer.t2']);
    sockets[1]!.open();
    expect(sockets[1]!.sent).toEqual([{ type: 'subscribe', topics: ['ticket:1'], after: 11 }]);
    // Failures in a row (no `subscribed` in between) wait twice as long each time.
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(1999);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.drop();
    await vi.advanceTimersByTimeAsync(3999);
    expect(sockets).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(4);
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'reconnecting', 'connecting']);
    stream.close();
    sockets[3]!.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(4);
    expect(statuses.at(-1)).toBe('closed');
  });

  it('reports a refused topic and changes topics on the open socket', async () => {
    const refused: string[] = [];
    const stream = openEventStream({ url: 'ws://x/api/v1/ws', token: () => 'tok', topics: ['queue'], onEvent: () => undefined, onRefused: (d) => refused.push(d), socket });
    await vi.runOnlyPendingTimersAsync();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'subscribed', topics: ['queue'], upTo: 3 });
    stream.setTopics(['dispatch']);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'subscribe', topics: ['dispatch'], after: 3 });
    sockets[0]!.receive({ type: 'error', error: 'forbidden-topic', detail: 'Not a topic: dispatch.' });
    expect(refused).toEqual(['Not a topic: dispatch.']);
    stream.close();
  });
});

describe('helpers', () => {
  it('backoff doubles up to its ceiling, jittered between half and all of it', () => {
    const backoff = { initialMs: 500, maxMs: 4000 };
    expect([0, 1, 2, 3, 10].map((n) => reconnectDelay(n, backoff, () => 1))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(reconnectDelay(2, backoff, () => 0)).toBe(1000);
  });

  it('builds the socket URL from the page origin', () => {
    expect(eventStreamUrl({ protocol: 'https:', host: 'keel.example:8443' })).toBe('wss://keel.example:8443/api/v1/ws');
    expect(eventStreamUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/api/v1/ws');
  });
});
