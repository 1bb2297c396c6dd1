import { describe, expect, it } from 'vitest';
import { ticketChangeEvents } from './change-events';
import { covers, mayRead, maySubscribe, notificationsTopic } from './topics';

const me = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';
const agent = { userId: me, readsTickets: true, readsDispatch: false };
const dispatcher = { userId: me, readsTickets: true, readsDispatch: true };
const technician = { userId: me, readsTickets: false, readsDispatch: false };

describe('topics', () => {
  it('the queue covers every ticket, the dispatch board every work order, and nothing else crosses', () => {
    expect(covers('queue', 'ticket:42')).toBe(true);
    expect(covers('ticket:42', 'ticket:42')).toBe(true);
    expect(covers('ticket:4', 'ticket:42')).toBe(false);
    expect(covers('dispatch', 'work-order:7')).toBe(true);
    expect(covers('dispatch', 'dispatch')).toBe(true);
    expect(covers('queue', 'work-order:7')).toBe(false);
    expect(covers('queue', notificationsTopic(me))).toBe(false);
  });

  it('a member subscribes only to what their role reads, and only to their own notifications', () => {
    expect(maySubscribe(agent, 'queue')).toBe(true);
    expect(maySubscribe(agent, 'ticket:9')).toBe(true);
    expect(maySubscribe(agent, 'dispatch')).toBe(false);
    expect(maySubscribe(dispatcher, 'work-order:3')).toBe(true);
    expect(maySubscribe(technician, 'queue')).toBe(false);
    expect(maySubscribe(technician, notificationsTopic(me))).toBe(true);
    expect(maySubscribe(agent, notificationsTopic(other))).toBe(false);
    for (const odd of ['*', 'ticket:', 'ticket:0', 'ticket:1x', 'notifications:', '']) expect(maySubscribe(dispatcher, odd)).toBe(false);
  });

  it('reading the log follows the same rules', () => {
    expect(mayRead(agent, 'ticket:1')).toBe(true);
    expect(mayRead(agent, 'dispatch')).toBe(false);
    expect(mayRead(dispatcher, 'work-order:1')).toBe(true);
    expect(mayRead(dispatcher, notificationsTopic(other))).toBe(false);
    expect(mayRead(technician, notificationsTopic(me))).toBe(true);
  });
});

describe('ticket change events', () => {
  it('one event per timeline entry, on the ticket topic, with the state after it and no message text', () => {
    const events = ticketChangeEvents({
      number: 42, seq: 5, actorId: me, occurredAt: '2026-01-01T10:00:00.000Z',
      events: [
        { type: 'replied', data: { body: 'secret text', visibility: 'internal' } },
        { type: 'status_changed', data: { from: 'open', to: 'pending' } },
      ],
      state: { status: 'pending', priority: 'high', assigneeId: me, teamId: null },
    });
    expect(events).toEqual([
      { type: 'ticket.replied', topic: 'ticket:42', at: '2026-01-01T10:00:00.000Z',
        data: { number: 42, version: 5, actorId: me, ticket: { status: 'pending', priority: 'high', assigneeId: me, teamId: null }, entry: { visibility: 'internal' } } },
      { type: 'ticket.status_changed', topic: 'ticket:42', at: '2026-01-01T10:00:00.000Z',
        data: { number: 42, version: 5, actorId: me, ticket: { status: 'pending', priority: 'high', assigneeId: me, teamId: null }, entry: { from: 'open', to: 'pending' } } },
    ]);
    expect(JSON.stringify(events)).not.toContain('secret text');
  });
});
