import type { Knex } from 'knex';
import { TicketRating } from './models';

export interface TicketRatingView { rating: 'good' | 'bad'; comment: string | null; createdAt: Date }

/**
 * Stores a customer's rating of a ticket once: the first one given stands, a repeat (a double
 * click, a second tab, the mailed link after the portal) changes nothing. Answers the rating
 * that is stored and whether this call stored it.
 */
export async function rateTicketOnce(
  trx: Knex.Transaction, row: { orgId: string; number: number; contactId: string; rating: 'good' | 'bad'; comment: string | null },
): Promise<{ stored: boolean; rating: TicketRatingView }> {
  const inserted = await trx('ticket_ratings')
    .insert({ org_id: row.orgId, ticket_number: row.number, contact_id: row.contactId, rating: row.rating, comment: row.comment })
    .onConflict(['org_id', 'ticket_number']).ignore().returning('ticket_number');
  const rating = await ticketRating(trx, row.orgId, row.number);
  if (!rating) throw new Error('a stored rating is not visible');
  return { stored: inserted.length > 0, rating };
}

export async function ticketRating(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketRatingView | null> {
  const row = await TicketRating.query(trx).where({ org_id: orgId, ticket_number: number }).first();
  return row ? { rating: row.rating, comment: row.comment, createdAt: row.created_at } : null;
}
