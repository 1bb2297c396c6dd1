import type { RuleAction, RuleActionType, RuleDefinition, RuleEventType, TimeTrigger } from '../../api/types';

/** New rules, new actions and new trigger events, as the designer creates them. */
export function defaultAction(type: RuleActionType): RuleAction {
  switch (type) {
    case 'set_priority': return { type, priority: 'high' };
    case 'set_status': return { type, status: 'open' };
    case 'add_tags': return { type, tags: [] };
    case 'remove_tags': return { type, tags: [] };
    case 'set_field': return { type, key: '', value: '' };
    case 'assign_agent': return { type, agentId: '' };
    case 'assign_team': return { type, teamId: '', strategy: 'round_robin' };
    case 'add_note': return { type, body: '' };
    case 'reply': return { type, body: '' };
    case 'notify': return { type, channel: 'in_app', recipient: { kind: 'assignee' }, message: '' };
    case 'webhook': return { type, url: 'https://', method: 'POST' };
    case 'escalate': return { type, priority: 'urgent' };
  }
}

export const DEFAULT_TIME_TRIGGER: TimeTrigger = { anchor: { kind: 'status', status: 'pending' }, afterSeconds: 5 * 86_400, hours: 'calendar' };

/** New trigger events; a time trigger exists exactly while `ticket.time_elapsed` is chosen. */
export function withEvents(definition: RuleDefinition, events: RuleEventType[]): RuleDefinition {
  const timed = events.includes('ticket.time_elapsed');
  return { ...definition, events, timeTrigger: timed ? definition.timeTrigger ?? { ...DEFAULT_TIME_TRIGGER, anchor: { ...DEFAULT_TIME_TRIGGER.anchor } } : null };
}

export function blankDefinition(): RuleDefinition {
  return {
    name: '', description: '', events: ['ticket.created'], timeTrigger: null,
    conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: '' }] },
    actions: [{ type: 'set_priority', priority: 'high' }], stopProcessing: false,
  };
}
