import { describe, expect, it } from 'vitest';
import { ruleEventsOf } from './rule-events';

describe('rule events of a ticket change', () => {
  it("an agent's first public reply is an agent reply and an update (new → open)", () => {
    expect(ruleEventsOf([
      { type: 'replied', data: { body: 'On it', visibility: 'public' } },
      { type: 'status_changed', data: { from: 'new', to: 'open' } },
    ], 'agent')).toEqual([
      { type: 'ticket.agent_replied', changes: {}, message: { body: 'On it', visibility: 'public' } },
      { type: 'ticket.updated', changes: { status: { from: 'new', to: 'open' } } },
    ]);
  });

  it('internal notes and replies by rules are not agent replies; customer messages are theirs', () => {
    expect(ruleEventsOf([{ type: 'replied', data: { body: 'note', visibility: 'internal' } }], 'agent')).toEqual([]);
    expect(ruleEventsOf([{ type: 'replied', data: { body: 'auto', visibility: 'public' } }], 'system')).toEqual([]);
    expect(ruleEventsOf([{ type: 'customer_replied', data: { body: 'On holiday', email: { messageId: '<m@x>', from: 'c@x', automated: true } } }], 'customer')).toEqual([]);
    expect(ruleEventsOf([{ type: 'customer_replied', data: { body: 'Any news?' } }], 'customer')).toEqual([
      { type: 'ticket.customer_replied', changes: {}, message: { body: 'Any news?', visibility: 'customer' } },
    ]);
  });

  it('names each changed property, custom fields by key, and SLA events by target', () => {
    expect(ruleEventsOf([
      { type: 'assigned', data: { from: { assigneeId: null, teamId: 't' }, to: { assigneeId: 'a', teamId: 't' } } },
      { type: 'fields_changed', data: { changes: { plan: { from: 'free', to: 'pro' } } } },
      { type: 'sla_breached', data: { target: 'resolution', breachedAt: '2026-01-01T00:00:00Z' } },
    ], 'system')).toEqual([
      { type: 'sla.breached', changes: {}, sla: { target: 'resolution' } },
      { type: 'ticket.updated', changes: { assigneeId: { from: null, to: 'a' }, 'fields.plan': { from: 'free', to: 'pro' } } },
    ]);
  });
});
