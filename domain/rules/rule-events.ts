import type { SlaTargetKind } from '../sla/policy';
import type { TicketEvent } from '../ticket/events';

/** The events a rule can be triggered by. */
export const RULE_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'ticket.customer_replied',
  'ticket.agent_replied',
  'sla.warning',
  'sla.breached',
  'ticket.time_elapsed',
  'ticket.triaged',
] as const;
export type RuleEventType = (typeof RULE_EVENTS)[number];

/** A changed ticket property: what it was and what it became. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** One event as rules see it: its type, what changed, and the message or clock behind it. */
export interface RuleEvent {
  type: RuleEventType;
  /** Changed properties by fact name (`status`, `priority`, `tags`, `fields.plan`, ...). */
  changes: Record<string, FieldChange>;
  message?: { body: string; visibility: 'public' | 'internal' | 'customer' };
  sla?: { target: SlaTargetKind };
  /** For `ticket.time_elapsed`: the one rule whose timer fired. */
  timerRuleId?: string;
}

/** Who made a change: decides between agent and customer reply events. */
export type ChangeActor = 'agent' | 'customer' | 'system';

/**
 * The rule events that one accepted ticket change produces. A change can produce several
 * (an agent's first public reply is also the status change new → open).
 */
export function ruleEventsOf(events: readonly TicketEvent[], actor: ChangeActor): RuleEvent[] {
  const out: RuleEvent[] = [];
  const changes: Record<string, FieldChange> = {};
  for (const event of events) {
    switch (event.type) {
      case 'created':
        out.push({ type: 'ticket.created', changes: {} });
        break;
      case 'replied':
        if (actor === 'agent' && event.data.visibility === 'public') {
          out.push({ type: 'ticket.agent_replied', changes: {}, message: { body: event.data.body, visibility: 'public' } });
        }
        break;
      case 'customer_replied':
        // Automated mail (out-of-office, auto-responders) triggers no rule: a rule replying to
        // it would start a mail loop with the other side's robot.
        if (!event.data.email?.automated) out.push({ type: 'ticket.customer_replied', changes: {}, message: { body: event.data.body, visibility: 'customer' } });
        break;
      case 'status_changed':
        changes.status = { from: event.data.from, to: event.data.to };
        break;
      case 'priority_changed':
        changes.priority = { from: event.data.from, to: event.data.to };
        break;
      case 'subject_changed':
        changes.subject = { from: event.data.from, to: event.data.to };
        break;
      case 'assigned':
        if (event.data.from.assigneeId !== event.data.to.assigneeId) changes.assigneeId = { from: event.data.from.assigneeId, to: event.data.to.assigneeId };
        if (event.data.from.teamId !== event.data.to.teamId) changes.teamId = { from: event.data.from.teamId, to: event.data.to.teamId };
        break;
      case 'tags_changed':
        changes.tags = { from: event.data.removed, to: event.data.added };
        break;
      case 'fields_changed':
        for (const [key, change] of Object.entries(event.data.changes)) changes[`fields.${key}`] = change;
        break;
      case 'sla_warning':
        out.push({ type: 'sla.warning', changes: {}, sla: { target: event.data.target } });
        break;
      case 'sla_breached':
        out.push({ type: 'sla.breached', changes: {}, sla: { target: event.data.target } });
        break;
      default:
        break;
    }
  }
  if (Object.keys(changes).length > 0) out.push({ type: 'ticket.updated', changes });
  return out;
}
