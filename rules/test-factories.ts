import type { ConditionGroup, RuleAction, RuleDefinition, RuleEventType, VersionedRule } from '../domain/rules/index';
import type { TicketSnapshot } from '../domain/rules/facts';
import { NO_AI_FACTS } from '../domain/ai/triage';

/** Factories for rule tests: a plausible ticket and rules built from the parts a test cares about. */
export function snapshot(overrides: { ticket?: Partial<TicketSnapshot['ticket']> } & Partial<Omit<TicketSnapshot, 'ticket'>> = {}): TicketSnapshot {
  return {
    ticket: {
      number: 7, subject: 'Refund for order 1234', description: 'I was charged twice', status: 'open', priority: 'normal',
      channel: 'email', tags: ['billing'], assigneeId: null, teamId: null, ageSeconds: 3600, fields: { plan: 'pro' },
      ...overrides.ticket,
    },
    requester: overrides.requester ?? { email: 'casey@acme.test', name: 'Casey', domain: 'acme.test' },
    company: overrides.company ?? { name: 'Acme', domain: 'acme.test' },
    calendar: overrides.calendar ?? { inBusinessHours: true },
    ai: overrides.ai ?? NO_AI_FACTS,
  };
}

let nextId = 0;
export function rule(parts: {
  id?: string; version?: number; position?: number; events?: RuleEventType[];
  conditions?: ConditionGroup; actions?: RuleAction[]; stopProcessing?: boolean; name?: string;
}): VersionedRule {
  nextId += 1;
  const definition: RuleDefinition = {
    name: parts.name ?? `Rule ${nextId}`,
    description: '',
    events: parts.events ?? ['ticket.created'],
    timeTrigger: null,
    conditions: parts.conditions ?? { all: [] },
    actions: parts.actions ?? [{ type: 'add_tags', tags: ['touched'] }],
    stopProcessing: parts.stopProcessing ?? false,
  };
  return {
    id: parts.id ?? `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    version: parts.version ?? 1,
    position: parts.position ?? nextId,
    definition,
  };
}
