import { describe, expect, it } from 'vitest';
import { mayNotify, ticketNotifications, type NotifiedChange } from './ticket-notifications';

const members = [
  { id: 'ana', name: 'Ana López', email: 'ana@example.com' },
  { id: 'bob', name: 'Bob Stone', email: 'bob@example.com' },
];
const change = (over: Partial<NotifiedChange>): NotifiedChange => ({
  number: 7, seq: 3, subject: 'Printer', actorId: 'ana', actorName: 'Ana López', assigneeId: null, events: [], ...over,
});
const assigned = (from: string | null, to: string | null) => ({ type: 'assigned' as const, data: { from: { assigneeId: from, teamId: null }, to: { assigneeId: to, teamId: null } } });

describe('ticketNotifications', () => {
  it('tells the new assignee who assigned the ticket, but not someone who took it themselves', () => {
    expect(ticketNotifications(change({ events: [assigned(null, 'bob')], assigneeId: 'bob' }), [])).toEqual([
      { userId: 'bob', kind: 'assigned', sourceKey: 'ticket:7:3:assigned', message: 'Ana López assigned #7 “Printer” to you' },
    ]);
    expect(ticketNotifications(change({ events: [assigned(null, 'ana')], assigneeId: 'ana' }), [])).toEqual([]);
    expect(ticketNotifications(change({ actorId: null, actorName: null, events: [assigned('ana', 'bob')] }), [])[0]?.message).toBe('Automation assigned #7 “Printer” to you');
  });

  it('tells members mentioned in an internal note, never in a public reply', () => {
    const note = (visibility: 'internal' | 'public') => ({ type: 'replied' as const, data: { body: '@Bob Stone and @Ana López, see this', visibility } });
    expect(ticketNotifications(change({ events: [note('internal')] }), members).map((n) => [n.userId, n.kind])).toEqual([['bob', 'mentioned']]);
    expect(ticketNotifications(change({ events: [note('public')] }), members)).toEqual([]);
  });

  it('tells the assignee of a customer reply and of an SLA warning', () => {
    const events = [
      { type: 'customer_replied' as const, data: { body: 'Any news?' } },
      { type: 'sla_warning' as const, data: { target: 'first_response' as const, dueAt: '2026-01-01T10:00:00.000Z' } },
    ];
    const made = ticketNotifications(change({ actorId: null, events, assigneeId: 'bob' }), []);
    expect(made.map((n) => [n.userId, n.kind, n.sourceKey])).toEqual([
      ['bob', 'customer_replied', 'ticket:7:3:customer_replied'],
      ['bob', 'sla_warning', 'ticket:7:sla_warning:first_response:2026-01-01T10:00:00.000Z'],
    ]);
    expect(ticketNotifications(change({ actorId: null, events, assigneeId: null }), [])).toEqual([]);
    expect(mayNotify({ events, assigneeId: null })).toBe(false);
  });
});
