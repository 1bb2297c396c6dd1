import type { Knex } from 'knex';
import { Ticket, TimelineEvent } from './models';

/**
 * What a customer reads of their own tickets in the portal. Every query names the contact as
 * the requester: a ticket of another contact is as absent as one that does not exist.
 */

export interface PortalRequestRow {
  number: number;
  subject: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = ['number', 'subject', 'status', 'created_at', 'updated_at'] as const;

export async function listContactTickets(trx: Knex.Transaction, orgId: string, contactId: string, limit: number): Promise<PortalRequestRow[]> {
  return Ticket.query(trx).where({ org_id: orgId, requester_id: contactId })
    .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'number', order: 'desc' }]).limit(limit)
    .select(...COLUMNS).castTo<PortalRequestRow[]>();
}

export async function findContactTicket(
  trx: Knex.Transaction, orgId: string, contactId: string, number: number,
): Promise<(PortalRequestRow & { description: string }) | null> {
  const row = await Ticket.query(trx).where({ org_id: orgId, requester_id: contactId, number })
    .select(...COLUMNS, 'description').first().castTo<(PortalRequestRow & { description: string }) | undefined>();
  return row ?? null;
}

/** One message of the public conversation: the customer's or a public reply by staff. */
export interface PublicMessageRow {
  seq: number;
  type: 'replied' | 'customer_replied';
  body: string;
  created_at: Date;
}

/**
 * The ticket's public conversation after its opening message, oldest first. Internal notes are
 * filtered out here, in the query, so no caller can forget to.
 */
export async function publicConversation(trx: Knex.Transaction, orgId: string, number: number): Promise<PublicMessageRow[]> {
  const rows = await TimelineEvent.query(trx).where({ org_id: orgId, ticket_number: number })
    .where((where) => where.where('type', 'customer_replied')
      .orWhere((reply) => reply.where('type', 'replied').whereRaw(`data->>'visibility' = 'public'`)))
    .orderBy(['seq', 'part']).select('seq', 'type', 'data', 'created_at');
  return rows.map((row) => ({ seq: row.seq, type: row.type as PublicMessageRow['type'], body: String((row.data as { body?: unknown }).body ?? ''), created_at: row.created_at }));
}

/** Whom a ticket belongs to and where it stands: what a signed rating link is checked against. */
export async function ticketRequester(trx: Knex.Transaction, orgId: string, number: number): Promise<{ requester_id: string; status: string } | null> {
  const row = await Ticket.query(trx).where({ org_id: orgId, number }).select('requester_id', 'status').first();
  return row ? { requester_id: row.requester_id, status: row.status } : null;
}
