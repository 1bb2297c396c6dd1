import type { CustomFieldValue } from './state';
import type { TicketChannel, TicketPriority } from './status';

/** Everything needed to open a ticket: the input of a new ticket workflow. */
export interface NewTicket {
  orgId: string;
  number: number;
  subject: string;
  description: string;
  priority: TicketPriority;
  channel: TicketChannel;
  tags: string[];
  fields: Record<string, CustomFieldValue>;
  requester: { email: string; name: string | null };
  /** The member who opened it, or null when a customer or the system did. */
  actorId: string | null;
  /** Set when an inbound email opened the ticket: whether to acknowledge it, from which mailbox. */
  email?: { messageId: string; mailboxId: string; acknowledge: boolean };
}
