import type { TicketChannel } from './status';

/**
 * Whether an agent's public reply on a ticket of this channel goes to the requester by email.
 * A chat's replies are its transcript, read where the customer wrote; every other channel's
 * requester is reached by mail (from the mailbox the ticket came through, else the org's first).
 */
export function repliesAreMailed(channel: TicketChannel): boolean {
  return channel !== 'chat';
}
