import type { Knex } from 'knex';
import { Ticket, TimelineEvent } from './models';
import { tenantJoin } from './tenant-join';

/**
 * What a customer reads of tickets in the portal. Every query names whose tickets the viewer
 * may see: their own (as the requester), and for a company's designated contact every ticket
 * of a contact of that company, by the company they are in now. Any other ticket is as absent
 * as one that does not exist.
 */

/** Who is looking: the contact, and their company when they are its designated contact. */
export interface PortalViewer { id: string; companyId: string | null; designated: boolean }

export interface PortalRequestRow {
  number: number;
  subject: string;
  status: string;
  created_at: Date;
  updated_at: Date;
  requester_id: string;
  requester_email: string;
  requester_name: string | null;
}

const COLUMNS = ['t.number', 't.subject', 't.status', 't.created_at', 't.updated_at', 't.requester_id', 'c.email as requester_email', 'c.name as requester_name'] as const;

function visibleTickets(trx: Knex.Transaction, orgId: string, viewer: PortalViewer) {
  const query = Ticket.query(trx).alias('t')
    .join('contacts as c', tenantJoin(['c.id', 't.requester_id']))
    .where('t.org_id', orgId);
  if (viewer.designated && viewer.companyId !== null) {
    const companyId = viewer.companyId;
    query.andWhere((where) => where.where('t.requester_id', viewer.id).orWhere('c.company_id', companyId));
  } else {
    query.andWhere('t.requester_id', viewer.id);
  }
  return query;
}

export async function listContactTickets(trx: Knex.Transaction, orgId: string, viewer: PortalViewer, limit: number): Promise<PortalRequestRow[]> {
  return visibleTickets(trx, orgId, viewer)
    .orderBy([{ column: 't.updated_at', order: 'desc' }, { column: 't.number', order: 'desc' }]).limit(limit)
    .select(...COLUMNS).castTo<PortalRequestRow[]>();
}

export async function findContactTicket(
  trx: Knex.Transaction, orgId: string, viewer: PortalViewer, number: number,
): Promise<(PortalRequestRow & { description: string }) | null> {
  const row = await visibleTickets(trx, orgId, viewer).andWhere('t.number', number)
    .select(...COLUMNS, 't.description').first().castTo<(PortalRequestRow & { description: string }) | undefined>();
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
