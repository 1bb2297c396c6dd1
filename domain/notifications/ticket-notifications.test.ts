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

  describe('followers', () => {
    const reply = (visibility: 'internal' | 'public', body = 'Looking into it') => ({ type: 'replied' as const, data: { body, visibility } });
    const status = { type: 'status_changed' as const, data: { from: 'open' as const, to: 'on_hold' as const } };
    const followed = (made: ReturnType<typeof ticketNotifications>) => made.filter((n) => n.kind === 'followed').map((n) => [n.userId, n.message]);

    it('tells each follower of a reply, a note, a customer reply, a status or an assignment change, but not the one who made it', () => {
      const followers = ['ana', 'bob', 'cy'];
      expect(followed(ticketNotifications(change({ events: [reply('public')] }), [], followers))).toEqual([
        ['bob', 'Ana López replied on #7 “Printer”'], ['cy', 'Ana López replied on #7 “Printer”'],
      ]);
      expect(followed(ticketNotifications(change({ events: [reply('internal')] }), [], ['bob']))).toEqual([['bob', 'Ana López added an internal note on #7 “Printer”']]);
      expect(followed(ticketNotifications(change({ actorId: null, actorName: null, events: [{ type: 'customer_replied', data: { body: 'Hi' } }] }), [], ['ana']))).toEqual([['ana', 'The customer replied on #7 “Printer”']]);
      expect(followed(ticketNotifications(change({ events: [status] }), [], ['bob']))).toEqual([['bob', 'Ana López set #7 “Printer” to on hold']]);
      expect(followed(ticketNotifications(change({ events: [assigned(null, 'cy')], assigneeId: 'cy' }), [], ['bob']))).toEqual([['bob', 'Ana López changed who #7 “Printer” is assigned to']]);
    });

    it('tells a follower once per change, of its most telling event, keyed by the change', () => {
      const made = ticketNotifications(change({ events: [status, reply('public')] }), [], ['bob']);
      expect(made).toEqual([{ userId: 'bob', kind: 'followed', sourceKey: 'ticket:7:3:followed', message: 'Ana López replied on #7 “Printer”' }]);
    });

    it('leaves a follower who is the new assignee, or mentioned, with that notification only', () => {
      const assignedToBob = ticketNotifications(change({ events: [assigned(null, 'bob'), status], assigneeId: 'bob' }), [], ['bob']);
      expect(assignedToBob.map((n) => [n.userId, n.kind])).toEqual([['bob', 'assigned']]);
      const mention = ticketNotifications(change({ events: [reply('internal', 'ask @Bob Stone')] }), members, ['bob', 'cy']);
      expect(mention.map((n) => [n.userId, n.kind])).toEqual([['bob', 'mentioned'], ['cy', 'followed']]);
      const customer = ticketNotifications(change({ actorId: null, events: [{ type: 'customer_replied', data: { body: 'Hi' } }], assigneeId: 'bob' }), [], ['bob']);
      expect(customer.map((n) => [n.userId, n.kind])).toEqual([['bob', 'customer_replied']]);
    });

    it('tells followers nothing of changes they do not hear of, and reads them only when the ticket has some', () => {
      const tags = { type: 'tags_changed' as const, data: { added: ['vip'], removed: [] } };
      expect(ticketNotifications(change({ events: [tags] }), [], ['bob'])).toEqual([]);
      expect(mayNotify({ events: [reply('public')], assigneeId: null, followerCount: 0 })).toBe(false);
      expect(mayNotify({ events: [reply('public')], assigneeId: null })).toBe(false);
      expect(mayNotify({ events: [reply('public')], assigneeId: null, followerCount: 2 })).toBe(true);
      expect(mayNotify({ events: [tags], assigneeId: null, followerCount: 2 })).toBe(false);
    });
  });
});
