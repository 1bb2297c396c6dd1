import type { Knex } from 'knex';
import { appendEvents } from '../db/event-log';
import { ticketChangeEvents, type TicketChange } from '../domain/realtime/change-events';
import type { NewEvent } from '../domain/realtime/event';

/**
 * The event-log rows of the ticket changes one transaction wrote, with the notifications it
 * stored (`also`), in one statement (see db/event-log.ts).
 */
export async function appendTicketEvents(trx: Knex.Transaction, orgId: string, changes: readonly TicketChange[], also: readonly NewEvent[] = []): Promise<void> {
  await appendEvents(trx, orgId, [...changes.flatMap(ticketChangeEvents), ...also]);
}
