import type { TicketPriority, TicketStatus } from '../ticket/status';
import type { CustomFieldValue } from '../ticket/state';

export const ASSIGN_STRATEGIES = ['team_only', 'round_robin', 'least_open', 'skills'] as const;
export type AssignStrategy = (typeof ASSIGN_STRATEGIES)[number];

export type NotifyRecipient =
  | { kind: 'assignee' }
  | { kind: 'user'; userId: string }
  | { kind: 'team'; teamId: string };

/** The edits of a ticket's own fields that a rule and a macro both make, named alike. */
export type TicketEditAction =
  | { type: 'set_priority'; priority: TicketPriority }
  | { type: 'set_status'; status: TicketStatus }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'set_field'; key: string; value: CustomFieldValue };

/** What a rule does when it fires, as an admin writes it. */
export type RuleAction =
  | TicketEditAction
  | { type: 'assign_agent'; agentId: string }
  | { type: 'assign_team'; teamId: string; strategy: AssignStrategy; skills?: string[] }
  | { type: 'add_note'; body: string }
  | { type: 'reply'; body: string }
  | { type: 'notify'; channel: 'in_app' | 'email'; recipient: NotifyRecipient; message: string }
  | { type: 'webhook'; url: string; method: 'POST' | 'PUT'; payload?: string }
  | { type: 'escalate'; priority?: TicketPriority; teamId?: string; note?: string };

export type RuleActionType = RuleAction['type'];

/**
 * An action made concrete by the rules activity for one ticket: placeholders rendered, an
 * assignment strategy resolved to a person, recipients resolved to users. The workflow turns
 * ticket changes into ordinary commands and side effects into activities.
 */
export type ResolvedAction =
  | { kind: 'patch'; priority?: TicketPriority; tags?: string[]; fields?: Record<string, CustomFieldValue> }
  | { kind: 'setStatus'; status: TicketStatus }
  | { kind: 'assign'; assigneeId?: string | null; teamId?: string | null }
  | { kind: 'reply'; body: string; visibility: 'public' | 'internal' }
  | { kind: 'notify'; channel: 'in_app' | 'email'; userIds: string[]; message: string }
  | { kind: 'webhook'; url: string; method: 'POST' | 'PUT'; body: string };
