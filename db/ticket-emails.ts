import type { Knex } from 'knex';
import { tenantJoin } from './tenant-join';

export interface TicketEmailRow {
  message_id: string; direction: 'in' | 'out'; status: string; kind: string; opened_ticket: boolean; from_address: string | null;
  to_addresses: string[]; subject: string; text_body: string; quoted_text: string; html_body: string | null; noise: string | null;
  error: string | null; created_at: Date;
}

export interface TicketEmailAttachmentRow {
  id: string; message_id: string; filename: string; content_type: string; size: number; inline: boolean; storage_key: string | null; refused: string | null;
}

/** A ticket's emails, oldest first, and their attachments; null when there is no such ticket. */
export async function listTicketEmails(
  trx: Knex.Transaction,
  orgId: string,
  number: number,
): Promise<{ messages: TicketEmailRow[]; attachments: TicketEmailAttachmentRow[] } | null> {
  const ticket = await trx('tickets').where({ org_id: orgId, number }).first('number');
  if (!ticket) return null;
  const messages: TicketEmailRow[] = await trx('email_messages').where({ org_id: orgId, ticket_number: number }).orderBy('created_at').select('*');
  const attachments: TicketEmailAttachmentRow[] = messages.length === 0 ? [] : await trx('email_attachments')
    .where('org_id', orgId).whereIn('message_id', messages.map((message) => message.message_id)).select('*');
  return { messages, attachments };
}

/** One attachment of one of the ticket's emails: where its bytes are stored and what to call them. */
export async function findTicketAttachment(trx: Knex.Transaction, orgId: string, number: number, id: string) {
  return trx('email_attachments as a')
    .join('email_messages as m', tenantJoin(['m.message_id', 'a.message_id']))
    .where({ 'a.org_id': orgId, 'a.id': id, 'm.ticket_number': number })
    .first<{ filename: string; content_type: string; storage_key: string | null } | undefined>('a.filename', 'a.content_type', 'a.storage_key');
}
