import type { Knex } from 'knex';
import { appendEvents } from '../db/event-log';
import { ticketChangeEvents, type TicketChange } from '../domain/realtime/change-events';

/** The event-log rows of the ticket changes one transaction wrote, in one statement (see db/event-log.ts). */
export async function appendTicketEvents(trx: Knex.Transaction, orgId: string, changes: readonly TicketChange[]): Promise<void> {
  await appendEvents(trx, orgId, changes.flatMap(ticketChangeEvents));
}
