import type { Knex } from 'knex';
import { reverseLinkKind, type TicketLinkKind, type TicketStatus } from '../domain/ticket/index';
import { tenantJoin } from './tenant-join';

export interface RelatedTicket {
  number: number;
  subject: string;
  status: TicketStatus;
}

export interface TicketRelations {
  mergedInto: RelatedTicket | null;
  /** Tickets merged into this one, oldest merge first. */
  merged: RelatedTicket[];
  /** Links either ticket made, in this ticket's terms (`parent`: the other is this one's parent). */
  links: (RelatedTicket & { kind: TicketLinkKind })[];
  /** Contacts copied on this ticket's public replies. */
  ccs: { id: string; email: string; name: string | null }[];
}

/** Longest chain of merges followed: a merge refuses a merged target, so a chain is one hop unless raced. */
const MAX_MERGE_HOPS = 5;

/** The ticket a merged ticket's conversation now lives on (itself when it was never merged). */
export async function mergeDestination(trx: Knex.Transaction, orgId: string, number: number): Promise<number> {
  let current = number;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop += 1) {
    const row = await trx('tickets').where({ org_id: orgId, number: current }).first<{ merged_into: number | null } | undefined>('merged_into');
    if (!row?.merged_into) return current;
    current = row.merged_into;
  }
  return current;
}

/** Whether the ticket was merged, and into which. */
export async function mergedInto(trx: Knex.Transaction, orgId: string, number: number): Promise<number | null> {
  const row = await trx('tickets').where({ org_id: orgId, number }).first<{ merged_into: number | null } | undefined>('merged_into');
  return row?.merged_into ?? null;
}

export async function relatedTicket(trx: Knex.Transaction, orgId: string, number: number): Promise<(RelatedTicket & { mergedInto: number | null }) | null> {
  const row = await trx('tickets').where({ org_id: orgId, number })
    .first<{ number: number; subject: string; status: TicketStatus; merged_into: number | null } | undefined>('number', 'subject', 'status', 'merged_into');
  return row ? { number: row.number, subject: row.subject, status: row.status, mergedInto: row.merged_into } : null;
}

export async function ticketRelations(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketRelations> {
  const into = await mergedInto(trx, orgId, number);
  const merged: RelatedTicket[] = await trx('tickets').where({ org_id: orgId, merged_into: number })
    .orderBy('closed_at').select('number', 'subject', 'status');
  const made: { number: number; subject: string; status: TicketStatus; kind: TicketLinkKind }[] = await trx('ticket_links as l')
    .join('tickets as t', tenantJoin(['t.number', 'l.linked_number']))
    .where({ 'l.org_id': orgId, 'l.ticket_number': number })
    .select('t.number', 't.subject', 't.status', 'l.kind');
  const received: typeof made = await trx('ticket_links as l')
    .join('tickets as t', tenantJoin(['t.number', 'l.ticket_number']))
    .where({ 'l.org_id': orgId, 'l.linked_number': number })
    .select('t.number', 't.subject', 't.status', 'l.kind');
  // A pair linked from both sides shows once, as this ticket put it.
  const links = [...made, ...received.filter((link) => !made.some((own) => own.number === link.number)).map((link) => ({ ...link, kind: reverseLinkKind(link.kind) }))]
    .sort((a, b) => a.number - b.number);
  const ccs: TicketRelations['ccs'] = await trx('ticket_ccs as cc')
    .join('contacts as c', tenantJoin(['c.id', 'cc.contact_id']))
    .where({ 'cc.org_id': orgId, 'cc.ticket_number': number })
    .orderBy('cc.created_at').select('c.id', 'c.email', 'c.name');
  return { mergedInto: into === null ? null : (await relatedTicket(trx, orgId, into)), merged, links, ccs };
}

/** Which ticket holds the link between two tickets (the one that made it), if any does. */
export async function linkHolder(trx: Knex.Transaction, orgId: string, number: number, other: number): Promise<number | null> {
  const row = await trx('ticket_links').where({ org_id: orgId })
    .andWhere((where) => where.where({ ticket_number: number, linked_number: other }).orWhere({ ticket_number: other, linked_number: number }))
    .orderByRaw('(ticket_number = ?) DESC', [number])
    .first<{ ticket_number: number } | undefined>('ticket_number');
  return row?.ticket_number ?? null;
}

/** A message on the ticket's timeline at change `seq`: what a split takes out. */
export async function messageAt(trx: Knex.Transaction, orgId: string, number: number, seq: number): Promise<{ type: string; body: string; from: string | null } | null> {
  const rows: { type: string; data: { body?: string; email?: { from?: string } } }[] = await trx('ticket_events')
    .where({ org_id: orgId, ticket_number: number, seq }).orderBy('part').select('type', 'data');
  const message = rows.find((row) => row.type === 'customer_replied' || row.type === 'replied');
  if (!message || typeof message.data.body !== 'string') return null;
  return { type: message.type, body: message.data.body, from: message.data.email?.from ?? null };
}

/** The address of a contact copied on the ticket, if it is. */
export async function ccAddress(trx: Knex.Transaction, orgId: string, number: number, contactId: string): Promise<string | null> {
  const row = await trx('ticket_ccs as cc')
    .join('contacts as c', tenantJoin(['c.id', 'cc.contact_id']))
    .where({ 'cc.org_id': orgId, 'cc.ticket_number': number, 'cc.contact_id': contactId })
    .first<{ email: string } | undefined>('c.email');
  return row?.email ?? null;
}
