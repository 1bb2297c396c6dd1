import type { AiFacts } from '../ai/facts';
import type { FieldChange, RuleEvent } from './rule-events';
import type { TicketState } from '../ticket/state';

/** Everything a condition can look at, as one plain object resolved by dotted paths. */
export interface RuleFacts {
  /** The ticket as its workflow holds it, with its description and age. */
  ticket: Pick<TicketState, 'number' | 'subject' | 'status' | 'priority' | 'channel' | 'tags' | 'assigneeId' | 'teamId' | 'fields'> & {
    description: string;
    ageSeconds: number;
  };
  requester: { email: string; name: string | null; domain: string };
  company: { name: string | null; domain: string | null };
  message: { body: string };
  change: Record<string, unknown>;
  sla: { target: string | null };
  calendar: { inBusinessHours: boolean };
  /** What triage predicted (null until it ran, and for a task it abstained on or has no model for). */
  ai: AiFacts;
}

/** What the rules activity reads about a ticket, before an event is laid over it. */
export type TicketSnapshot = Omit<RuleFacts, 'message' | 'change' | 'sla'>;

/** The facts for one event: the ticket as it is, plus the change, message or clock behind it. */
export function factsFor(snapshot: TicketSnapshot, event: RuleEvent): RuleFacts {
  return {
    ...snapshot,
    message: { body: event.message?.body ?? '' },
    change: nestChanges(event.changes),
    sla: { target: event.sla?.target ?? null },
  };
}

/** `{ 'fields.plan': c }` → `{ fields: { plan: c } }`, so `change.fields.plan` resolves. */
function nestChanges(changes: Record<string, FieldChange>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, change] of Object.entries(changes)) {
    const [head, ...rest] = key.split('.');
    if (head === undefined) continue;
    if (rest.length === 0) {
      out[head] = change;
    } else {
      const inner = (out[head] ??= {}) as Record<string, unknown>;
      inner[rest.join('.')] = change;
    }
  }
  return out;
}
