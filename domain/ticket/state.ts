import type { TicketLink } from './events';
import type { TicketChannel, TicketPriority, TicketStatus } from './status';

/** A custom field's value: text (also dates, option and reference ids), a number, a checkbox, a multi-select's options. */
export type CustomFieldValue = string | number | boolean | string[] | null;

/** The live state a ticket workflow holds and carries across continue-as-new. */
export interface TicketState {
  orgId: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  tags: string[];
  assigneeId: string | null;
  teamId: string | null;
  fields: Record<string, CustomFieldValue>;
  /** Sequence number of the last accepted change; the next change is `version + 1`. */
  version: number;
  /**
   * The last message on the conversation (a reply, a note, the customer writing): its change's
   * sequence and who wrote it (null: the customer). A reply written against an older version is
   * refused when someone else wrote since. Absent on tickets without a message since it was added.
   */
  lastMessage?: { version: number; actorId: string | null };
  /** Set once the ticket was merged into another: it is closed, and commands are told where it went. */
  mergedInto?: number;
  /** The links this ticket made (links other tickets made to it are in Postgres, not here). */
  links?: TicketLink[];
}

export function ticketWorkflowId(orgId: string, number: number): string {
  return `${orgId}/ticket/${number}`;
}

/** Tags are case-insensitive labels: trimmed, lower-cased, de-duplicated, sorted. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))].sort();
}
