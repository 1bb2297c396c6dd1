import { WorkflowNotFoundError } from '@temporalio/client';
import type { EmailRef, NewTicket } from '../domain/ticket/index';

/**
 * The ticket as intake drives it: open one, or hand it a customer's message. The typed ticket
 * client (`clients/ticket-client.ts`) is one; until it lands, `ticket-target-temporal.ts`.
 * When it does, this becomes `Pick<TicketClient, 'open' | 'customerMessage'>`.
 */
export interface TicketTarget {
  /**
   * Starts the ticket's workflow and resolves once it has written the ticket's row
   * (Update-with-Start). Idempotent by workflow id: opening the same number again only waits.
   */
  open(ticket: NewTicket): Promise<unknown>;
  /**
   * Signals a customer's message to the ticket. Rejects with an error `ticketGone` recognises
   * when the ticket's workflow no longer runs (the ticket is closed).
   */
  customerMessage(orgId: string, number: number, message: { body: string; email?: EmailRef }): Promise<void>;
}

/** The ticket's workflow no longer runs (Temporal found no execution to signal). */
export const ticketGone = (error: unknown): boolean => error instanceof WorkflowNotFoundError;
