import type { RuleFiring } from '../rules/firing';
import type { SlaTargetKind } from '../sla/policy';
import type { LoggedCall } from './calls';
import type { TicketChannel, TicketPriority, TicketStatus } from './status';

export type Visibility = 'public' | 'internal';

export interface Assignment {
  assigneeId: string | null;
  teamId: string | null;
}

/** What the timeline records: one entry per fact, discriminated by `type`. */
export type TicketEvent =
  | { type: 'created'; data: { subject: string; priority: TicketPriority; channel: TicketChannel } }
  /** `attachmentIds`: the agent's uploads to this ticket sent with it (see `ticket_attachments`). */
  | { type: 'replied'; data: { body: string; visibility: Visibility; attachmentIds?: string[] } }
  | { type: 'assigned'; data: { from: Assignment; to: Assignment } }
  | { type: 'status_changed'; data: { from: TicketStatus; to: TicketStatus } }
  | { type: 'priority_changed'; data: { from: TicketPriority; to: TicketPriority } }
  | { type: 'subject_changed'; data: { from: string; to: string } }
  | { type: 'tags_changed'; data: { added: string[]; removed: string[] } }
  | { type: 'fields_changed'; data: { changes: Record<string, { from: unknown; to: unknown }> } }
  | { type: 'customer_replied'; data: { body: string; email?: EmailRef } }
  | { type: 'sla_warning'; data: { target: SlaTargetKind; dueAt: string | null } }
  | { type: 'work_order_linked'; data: { workOrderNumber: number; title: string } }
  | { type: 'work_order_signed_off'; data: { workOrderNumber: number; title: string } }
  | { type: 'sla_breached'; data: { target: SlaTargetKind; breachedAt: string } }
  | { type: 'rule_fired'; data: RuleFiring }
  /** A fired rule's action the ticket refused (a solve while required fields are empty): skipped, and why. */
  | { type: 'rule_action_refused'; data: RuleActionRefusal }
  | { type: 'email_delivery'; data: EmailDelivery }
  /** This ticket was merged into `number`: it closes, and its conversation reads on there. */
  | { type: 'merged_into'; data: { number: number } }
  /** Ticket `number` (then called `subject`) was merged into this one. */
  | { type: 'merged_from'; data: { number: number; subject: string } }
  /** The customer's message of change `seq` was split out into the new ticket `number`. */
  | { type: 'split_out'; data: { seq: number; number: number } }
  | { type: 'linked'; data: TicketLink }
  | { type: 'unlinked'; data: TicketLink }
  | { type: 'cc_added'; data: { email: string; name: string | null } }
  | { type: 'cc_removed'; data: { email: string } }
  | { type: 'call_logged'; data: LoggedCall };

/**
 * How this ticket relates to another, from this ticket's side: `parent` means `number` is this
 * ticket's parent (a problem ticket and its incidents), `child` the other way round.
 */
export type TicketLinkKind = 'related' | 'parent' | 'child';

export interface TicketLink {
  number: number;
  kind: TicketLinkKind;
}

export type TicketEventType = TicketEvent['type'];

/** The email a customer's message arrived as; its HTML and attachments are in `email_messages`. */
export interface EmailRef {
  messageId: string;
  from: string;
  /** Sent by a robot (an out-of-office, list mail): recorded, but it does not reopen the ticket. */
  automated?: boolean;
}

/** What became of an email the ticket sent (an agent's public reply, an acknowledgement, the satisfaction survey). */
export interface EmailDelivery {
  kind: 'reply' | 'acknowledgement' | 'survey';
  messageId: string | null;
  to: string | null;
  state: 'sent' | 'failed' | 'suppressed';
  detail?: string;
  /** The change whose reply this delivered. */
  replySeq?: number;
}

/** A rule action the ticket did not apply: which rule, which action, and the refusal's words. */
export interface RuleActionRefusal {
  ruleId: string;
  ruleName: string;
  action: string;
  reason: string;
  /** For a refused solve: the keys of the required fields that were empty. */
  fields?: string[];
}

/** The change that solves a ticket: what the satisfaction survey follows. */
export const isSolve = (event: TicketEvent): boolean => event.type === 'status_changed' && event.data.to === 'solved';
