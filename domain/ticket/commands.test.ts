import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, type TicketCommand } from './commands';
import type { TicketState } from './state';
import { TICKET_STATUSES, canTransition, type TicketStatus } from './status';

const base: TicketState = {
  orgId: '00000000-0000-0000-0000-000000000001',
  number: 7,
  subject: 'Broken',
  status: 'new',
  priority: 'normal',
  channel: 'web',
  tags: ['billing'],
  assigneeId: null,
  teamId: null,
  fields: {},
  version: 1,
};
const agent = '00000000-0000-0000-0000-0000000000aa';

function apply(state: TicketState, command: TicketCommand) {
  const result = decide(state, command);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result.decision;
}

describe('decide: replies', () => {
  it('a public reply opens a new ticket and records both facts', () => {
    const { events, state } = apply(base, { kind: 'reply', actorId: agent, body: 'Hi', visibility: 'public' });
    expect(events.map((event) => event.type)).toEqual(['replied', 'status_changed']);
    expect(state.status).toBe('open');
    expect(state.version).toBe(2);
  });

  it('a reply passes the uploads it sends to its write, untouched; more than ten are refused; none adds nothing', () => {
    const ids = ['0b7f6c1e-0000-4000-8000-000000000001', '0b7f6c1e-0000-4000-8000-000000000002'];
    const { events } = apply(base, { kind: 'reply', actorId: agent, body: 'See files', visibility: 'internal', attachmentIds: ids });
    expect(events).toEqual([{ type: 'replied', data: { body: 'See files', visibility: 'internal', attachmentIds: ids } }]);
    const tooMany = decide(base, { kind: 'reply', actorId: agent, body: 'x', visibility: 'public', attachmentIds: Array.from({ length: 11 }, (_, i) => String(i)) });
    expect(tooMany.ok).toBe(false);
    expect(apply(base, { kind: 'reply', actorId: agent, body: 'x', visibility: 'internal', attachmentIds: [] }).events[0]?.data).toEqual({ body: 'x', visibility: 'internal' });
  });

  it('an internal note leaves the status alone', () => {
    const { events, state } = apply(base, { kind: 'reply', actorId: agent, body: 'Note', visibility: 'internal' });
    expect(events).toEqual([{ type: 'replied', data: { body: 'Note', visibility: 'internal' } }]);
    expect(state.status).toBe('new');
  });

  it('refuses an empty reply and anything on a closed ticket', () => {
    expect(decide(base, { kind: 'reply', actorId: agent, body: '  ', visibility: 'public' })).toMatchObject({ ok: false, rejection: { code: 'invalid_command' } });
    const closed = { ...base, status: 'closed' as const };
    expect(decide(closed, { kind: 'reply', actorId: agent, body: 'late', visibility: 'public' })).toMatchObject({ ok: false, rejection: { code: 'ticket_closed' } });
  });
});

describe('decide: status', () => {
  it('follows the lifecycle and refuses jumps it forbids', () => {
    expect(apply(base, { kind: 'setStatus', actorId: agent, status: 'pending' }).state.status).toBe('pending');
    expect(decide({ ...base, status: 'open' }, { kind: 'setStatus', actorId: agent, status: 'closed' })).toMatchObject({
      ok: false,
      rejection: { code: 'invalid_transition' },
    });
    expect(decide({ ...base, status: 'open' }, { kind: 'setStatus', actorId: agent, status: 'new' })).toMatchObject({ ok: false });
  });

  it('setting the current status again is a no-op, so retries are harmless', () => {
    const { events, state } = apply({ ...base, status: 'open' }, { kind: 'setStatus', actorId: agent, status: 'open' });
    expect(events).toEqual([]);
    expect(state.version).toBe(1);
  });

  it('accepts exactly the transitions the lifecycle lists (property)', () => {
    const status = fc.constantFrom(...TICKET_STATUSES);
    fc.assert(
      fc.property(status, status, (from: TicketStatus, to: TicketStatus) => {
        const result = decide({ ...base, status: from }, { kind: 'setStatus', actorId: agent, status: to });
        const expected = from === to ? from !== 'closed' : canTransition(from, to);
        expect(result.ok).toBe(expected);
      }),
    );
  });
});

describe('decide: assignment', () => {
  it('records from and to, and opens a new ticket when an agent takes it', () => {
    const { events, state } = apply(base, { kind: 'assign', actorId: agent, assigneeId: agent });
    expect(events[0]).toEqual({ type: 'assigned', data: { from: { assigneeId: null, teamId: null }, to: { assigneeId: agent, teamId: null } } });
    expect(state).toMatchObject({ assigneeId: agent, status: 'open' });
  });

  it('keeps the team when only the agent changes, and refuses an empty command', () => {
    const team = '00000000-0000-0000-0000-0000000000bb';
    const withTeam = { ...base, status: 'open' as const, teamId: team };
    expect(apply(withTeam, { kind: 'assign', actorId: agent, assigneeId: agent }).state.teamId).toBe(team);
    expect(decide(withTeam, { kind: 'assign', actorId: agent })).toMatchObject({ ok: false, rejection: { code: 'invalid_command' } });
  });
});

describe('decide: patch', () => {
  it('normalises tags and reports what was added and removed', () => {
    const { events, state } = apply(base, { kind: 'patch', actorId: agent, tags: [' VIP ', 'vip', 'refund'] });
    expect(state.tags).toEqual(['refund', 'vip']);
    expect(events).toEqual([{ type: 'tags_changed', data: { added: ['refund', 'vip'], removed: ['billing'] } }]);
  });

  it('changes priority and fields in one change; null removes a field', () => {
    const start = { ...base, fields: { plan: 'pro', seats: 3 } };
    const { events, state } = apply(start, { kind: 'patch', actorId: agent, priority: 'urgent', fields: { seats: 5, plan: null } });
    expect(events.map((event) => event.type)).toEqual(['priority_changed', 'fields_changed']);
    expect(state.fields).toEqual({ seats: 5 });
    expect(state.version).toBe(2);
  });

  it('adds and removes tags against the tags the ticket holds, so two such changes compose', () => {
    const once = apply(base, { kind: 'patch', actorId: agent, addTags: ['VIP', 'billing'] });
    expect(once.state.tags).toEqual(['billing', 'vip']);
    expect(once.events).toEqual([{ type: 'tags_changed', data: { added: ['vip'], removed: [] } }]);
    // A second change decided after the first sees its tag: nothing is overwritten.
    const twice = apply(once.state, { kind: 'patch', actorId: agent, addTags: ['refund'], removeTags: ['billing'] });
    expect(twice.state.tags).toEqual(['refund', 'vip']);
    expect(apply(twice.state, { kind: 'patch', actorId: agent, removeTags: ['absent'] }).events).toEqual([]);
  });

  it('a patch that changes nothing produces no events', () => {
    expect(apply(base, { kind: 'patch', actorId: agent, priority: 'normal', tags: ['billing'] }).events).toEqual([]);
  });
});

describe('decide: a reply written against an older version', () => {
  const colleague = '00000000-0000-0000-0000-0000000000bb';
  const reply = (actorId: string, basedOnVersion?: number): TicketCommand =>
    ({ kind: 'reply', actorId, body: 'Hi', visibility: 'public', ...(basedOnVersion !== undefined && { basedOnVersion }) });

  it('is refused when the customer or another agent wrote since, with the version now', () => {
    const afterColleague = apply(base, reply(colleague)).state;
    const refused = decide(afterColleague, reply(agent, 1));
    expect(refused).toEqual({ ok: false, rejection: expect.objectContaining({ code: 'stale_reply', currentVersion: afterColleague.version }) });
    const afterCustomer = apply(base, { kind: 'customerReply', actorId: null, body: 'Any news?' }).state;
    expect(decide(afterCustomer, reply(agent, 1))).toMatchObject({ ok: false, rejection: { code: 'stale_reply' } });
  });

  it('goes through on the current version, after the agent’s own replies, after other changes, or without a version', () => {
    const afterColleague = apply(base, reply(colleague)).state;
    expect(decide(afterColleague, reply(agent, afterColleague.version)).ok).toBe(true);
    const afterMine = apply(base, reply(agent)).state;
    expect(decide(afterMine, reply(agent, 1)).ok).toBe(true);
    const afterStatus = apply(apply(base, { kind: 'setStatus', actorId: colleague, status: 'open' }).state, { kind: 'patch', actorId: colleague, priority: 'high' }).state;
    expect(decide(afterStatus, reply(agent, 1)).ok).toBe(true);
    expect(decide(afterColleague, reply(agent)).ok).toBe(true);
  });
});

describe('decide: subject', () => {
  it('renames the ticket, trimmed, and records the old subject', () => {
    const { events, state } = apply(base, { kind: 'setSubject', actorId: agent, subject: '  Broken printer  ' });
    expect(events).toEqual([{ type: 'subject_changed', data: { from: 'Broken', to: 'Broken printer' } }]);
    expect(state).toMatchObject({ subject: 'Broken printer', version: 2 });
  });

  it('the same subject again changes nothing; an empty or over-long one is refused', () => {
    expect(apply(base, { kind: 'setSubject', actorId: agent, subject: 'Broken ' }).events).toEqual([]);
    for (const subject of ['   ', 'x'.repeat(251)]) {
      const result = decide(base, { kind: 'setSubject', actorId: agent, subject });
      expect(result.ok ? null : result.rejection.code).toBe('invalid_command');
    }
    const closed = decide({ ...base, status: 'closed' }, { kind: 'setSubject', actorId: agent, subject: 'New' });
    expect(closed.ok ? null : closed.rejection.code).toBe('ticket_closed');
  });
});
