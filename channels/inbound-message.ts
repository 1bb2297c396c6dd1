import type { TicketChannel } from '../domain/ticket/index';

/**
 * The channels intake takes. Each must be a `TicketChannel` (the ticket records how it came);
 * SMS needs `'sms'` added there first.
 */
export type InboundChannel = Extract<TicketChannel, 'email' | 'web' | 'portal' | 'chat'>;

/** Where a message was sent: the org, and the channel endpoint that took it (an email mailbox). */
export interface InboundDestination {
  orgId: string;
  /** The mailbox for email; null for a channel without one (a portal form). */
  mailboxId: string | null;
}

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** Shown within the message (an inline image) rather than listed under it. */
  inline: boolean;
}

/** Ids that tie a message to a conversation the helpdesk already holds. */
export interface ThreadReferences {
  /**
   * The message's own id: unique per org, it is the idempotency key of its delivery (an email's
   * Message-ID; a channel without one makes one from its own event id, e.g. `chat:<id>`).
   */
  messageId: string;
  /** Ids this message answers, nearest first (email: In-Reply-To, then References newest first). */
  answers: string[];
  /**
   * A ticket number the sender named (email: the `[#123]` subject token; a portal form: the
   * ticket page it was sent from). Taken only if the sender already wrote on that ticket.
   */
  ticketNumber: number | null;
}

/**
 * Mail from a robot (an out-of-office, a list, a bounce): recorded, it never earns an automatic
 * reply and does not reopen a ticket. A delivery report (`bounce`) names the addresses that
 * failed; it goes on no ticket and marks those contacts as bouncing.
 */
export interface AutomatedMessage {
  kind: 'bounce' | 'auto_reply' | 'bulk' | 'list';
  reason: string;
  /** For a bounce: the addresses that failed, and their status. */
  failed: { address: string; status: string | null }[];
}

/** One inbound message, whatever carried it: what `intake` takes. */
export interface InboundMessage {
  channel: InboundChannel;
  to: InboundDestination;
  /** Who wrote (the address the ticket answers); null only for a delivery report. */
  sender: { address: string; name: string | null } | null;
  recipients: string[];
  /** The subject as the ticket shows it (reply prefixes and ticket token removed). */
  subject: string;
  /** What the sender wrote, and the quoted history below it. */
  text: string;
  quoted: string;
  /** Sanitised HTML, or null. */
  html: string | null;
  /** Listed on the message; the channel stores their bytes (see `IntakeHooks.recorded`). */
  attachments: InboundAttachment[];
  thread: ThreadReferences;
  automated: AutomatedMessage | null;
  receivedAt: Date;
}
