import type { TicketClient } from '../clients/ticket-client';

/**
 * The ticket as intake drives it: open one, or hand it a customer's message. The typed ticket
 * client is the implementation; intake names only the two calls it makes, so a test can
 * stand in for Temporal where it must (a server that is down).
 */
export type TicketTarget = Pick<TicketClient, 'open' | 'customerMessage'>;
