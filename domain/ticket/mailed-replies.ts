import type { EmailDelivery } from './events';
import type { TicketChannel } from './status';

/**
 * Whether an agent's public reply on a ticket of this channel goes to the requester by email.
 * A chat's replies are its transcript, read where the customer wrote; every other channel's
 * requester is reached by mail (from the mailbox the ticket came through, else the org's first).
 */
export function repliesAreMailed(channel: TicketChannel): boolean {
  return channel !== 'chat';
}

/** The timeline's words for a reply that reached nobody, so the agent knows to call instead. */
export const NO_MAILBOX = 'not sent: the organization has no mailbox to send from';

/** What is recorded for the public reply of change `seq` when the org has no mailbox to send it from. */
export function unmailedReply(seq: number): EmailDelivery {
  return { kind: 'reply', messageId: null, to: null, state: 'failed', detail: NO_MAILBOX, replySeq: seq };
}
