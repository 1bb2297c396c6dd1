import { describe, expect, it } from 'vitest';
import { decide, type TicketCommand } from './commands';
import type { TicketState } from './state';
import { TICKET_STATUSES } from './status';

const base: TicketState = {
  orgId: '00000000-0000-0000-0000-000000000001',
  number: 7,
  subject: 'Printer jams',
  status: 'open',
  priority: 'normal',
  channel: 'email',
  tags: [],
  assigneeId: null,
  teamId: null,
  fields: {},
  version: 4,
};
const agent = '00000000-0000-0000-0000-0000000000aa';

function apply(state: TicketState, command: TicketCommand) {
  const result = decide(state, command);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result.decision;
}

describe('decide: merge', () => {
  it('closes the merged ticket from any open status and points it at the target', () => {
    for (const status of TICKET_STATUSES.filter((candidate) => candidate !== 'closed')) {
      const { events, state } = apply({ ...base, status }, { kind: 'mergeInto', actorId: agent, into: 9 });
      expect(events).toEqual([
        { type: 'merged_into', data: { number: 9 } },
        { type: 'status_changed', data: { from: status, to: 'closed' } },
      ]);
      expect(state).toMatchObject({ status: 'closed', mergedInto: 9, version: 5 });
    }
  });

  it('refuses a merge into itself, and any command once merged, naming where the ticket went', () => {
    const self = decide(base, { kind: 'mergeInto', actorId: agent, into: 7 });
    expect(self.ok).toBe(false);
    const merged = apply(base, { kind: 'mergeInto', actorId: agent, into: 9 }).state;
    const reply = decide(merged, { kind: 'reply', actorId: agent, body: 'late', visibility: 'public' });
    expect(reply).toEqual({ ok: false, rejection: expect.objectContaining({ code: 'ticket_merged', mergedInto: 9 }) });
  });

  it('the target records what was merged into it, and a closed target refuses', () => {
    const { events } = apply(base, { kind: 'mergedFrom', actorId: agent, from: 3, subject: 'Paper stuck' });
    expect(events).toEqual([{ type: 'merged_from', data: { number: 3, subject: 'Paper stuck' } }]);
    expect(decide({ ...base, status: 'closed' }, { kind: 'mergedFrom', actorId: agent, from: 3, subject: 'x' }).ok).toBe(false);
  });
});

describe('decide: split and links', () => {
  it('a split records the message moved and links the new ticket as related', () => {
    const { events, state } = apply(base, { kind: 'recordSplit', actorId: agent, seq: 3, number: 12 });
    expect(events).toEqual([
      { type: 'split_out', data: { seq: 3, number: 12 } },
      { type: 'linked', data: { number: 12, kind: 'related' } },
    ]);
    expect(state.links).toEqual([{ number: 12, kind: 'related' }]);
  });

  it('refuses a split of a change the ticket has not had', () => {
    expect(decide(base, { kind: 'recordSplit', actorId: agent, seq: 5, number: 12 }).ok).toBe(false);
    expect(decide(base, { kind: 'recordSplit', actorId: agent, seq: 0, number: 12 }).ok).toBe(false);
  });

  it('linking twice the same way changes nothing; linking another way replaces the link', () => {
    const linked = apply(base, { kind: 'link', actorId: agent, number: 2, linkKind: 'parent' }).state;
    expect(apply(linked, { kind: 'link', actorId: agent, number: 2, linkKind: 'parent' }).events).toEqual([]);
    const relinked = apply(linked, { kind: 'link', actorId: agent, number: 2, linkKind: 'related' });
    expect(relinked.events).toEqual([
      { type: 'unlinked', data: { number: 2, kind: 'parent' } },
      { type: 'linked', data: { number: 2, kind: 'related' } },
    ]);
    expect(relinked.state.links).toEqual([{ number: 2, kind: 'related' }]);
  });

  it('unlinking removes only a link the ticket holds, and refuses a self-link', () => {
    const linked = apply(base, { kind: 'link', actorId: agent, number: 2, linkKind: 'child' }).state;
    const unlinked = apply(linked, { kind: 'unlink', actorId: agent, number: 2 });
    expect(unlinked.events).toEqual([{ type: 'unlinked', data: { number: 2, kind: 'child' } }]);
    expect(unlinked.state.links).toEqual([]);
    expect(apply(base, { kind: 'unlink', actorId: agent, number: 2 }).events).toEqual([]);
    expect(decide(base, { kind: 'link', actorId: agent, number: 7, linkKind: 'related' }).ok).toBe(false);
  });
});

describe('decide: CCs and logged calls', () => {
  it('adds and removes a CC by its normalised address, refusing what is not one', () => {
    expect(apply(base, { kind: 'addCc', actorId: agent, email: ' Supplier@Example.COM ', name: 'Sam' }).events)
      .toEqual([{ type: 'cc_added', data: { email: 'supplier@example.com', name: 'Sam' } }]);
    expect(apply(base, { kind: 'removeCc', actorId: agent, email: 'supplier@example.com' }).events)
      .toEqual([{ type: 'cc_removed', data: { email: 'supplier@example.com' } }]);
    expect(decide(base, { kind: 'addCc', actorId: agent, email: 'not an address' }).ok).toBe(false);
  });

  it('a logged call is a message: an agent\'s call opens a new ticket, bad numbers and durations are refused', () => {
    const call = { direction: 'outbound' as const, phoneNumber: ' +44 20 7946 0958 ', durationSeconds: 95, notes: ' Walked them through the reset. ' };
    const logged = apply({ ...base, status: 'new' }, { kind: 'logCall', actorId: agent, call });
    expect(logged.events).toEqual([
      { type: 'call_logged', data: { direction: 'outbound', phoneNumber: '+44 20 7946 0958', durationSeconds: 95, notes: 'Walked them through the reset.' } },
      { type: 'status_changed', data: { from: 'new', to: 'open' } },
    ]);
    expect(logged.state.lastMessage).toEqual({ version: 5, actorId: agent });
    expect(decide(base, { kind: 'logCall', actorId: agent, call: { ...call, phoneNumber: 'call me' } }).ok).toBe(false);
    expect(decide(base, { kind: 'logCall', actorId: agent, call: { ...call, durationSeconds: -1 } }).ok).toBe(false);
    expect(decide(base, { kind: 'logCall', actorId: agent, call: { ...call, durationSeconds: 1.5 } }).ok).toBe(false);
  });
});
