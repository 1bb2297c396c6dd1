import type { Knex } from 'knex';

/** How many of the customer's latest messages a ticket's question is read from. */
const CUSTOMER_MESSAGES = 5;

/**
 * What a ticket asks, in the customer's words: its subject, its description and the
 * customer's latest replies (agents' replies and notes are answers, not the question).
 * Null when the org has no such ticket.
 */
export async function ticketQuestion(trx: Knex.Transaction, orgId: string, number: number): Promise<string[] | null> {
  const ticket = await trx('tickets').where({ org_id: orgId, number }).first<{ subject: string; description: string } | undefined>('subject', 'description');
  if (!ticket) return null;
  const replies: { body: string }[] = await trx('ticket_events').where({ org_id: orgId, ticket_number: number, type: 'customer_replied' })
    .orderBy([{ column: 'seq', order: 'desc' }, { column: 'part', order: 'desc' }]).limit(CUSTOMER_MESSAGES).select(trx.raw(`data->>'body' AS body`));
  return [ticket.subject, ticket.description, ...replies.map((reply) => reply.body ?? '')];
}
