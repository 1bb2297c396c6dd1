import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type TicketCommand } from './commands';
import { applyEvent, undoEvent, type TicketFacets } from './history';
import type { TicketState } from './state';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './status';

const start: TicketState = {
  orgId: 'org', number: 1, subject: 'Printer', status: 'new', priority: 'normal', channel: 'web',
  tags: ['a'], assigneeId: null, teamId: null, fields: { plan: 'pro' }, version: 1,
};
const facets = (state: TicketState): TicketFacets => ({ status: state.status, priority: state.priority, tags: state.tags, assigneeId: state.assigneeId, teamId: state.teamId, fields: state.fields });

const command: fc.Arbitrary<TicketCommand> = fc.oneof(
  fc.constantFrom(...TICKET_STATUSES).map((status) => ({ kind: 'setStatus' as const, actorId: 'u', status })),
  fc.constantFrom(...TICKET_PRIORITIES).map((priority) => ({ kind: 'patch' as const, actorId: 'u', priority })),
  fc.subarray(['a', 'b', 'c', 'vip']).map((tags) => ({ kind: 'patch' as const, actorId: 'u', tags })),
  fc.record({ plan: fc.constantFrom('pro', 'free', null) }).map((fields) => ({ kind: 'patch' as const, actorId: 'u', fields })),
  fc.constantFrom('agent-1', 'agent-2', null).map((assigneeId) => ({ kind: 'assign' as const, actorId: 'u', assigneeId })),
);

describe('ticket history', () => {
  it('folding the timeline forward from the first state reaches the current one, and undoing it goes back', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
      let state = start;
      const events = [];
      for (const next of commands) {
        const result = decide(state, next);
        if (!result.ok) continue;
        events.push(...result.decision.events);
        state = result.decision.state;
      }
      expect(events.reduce(applyEvent, facets(start))).toEqual(facets(state));
      expect([...events].reverse().reduce(undoEvent, facets(state))).toEqual(facets(start));
    }));
  });
});
