import type { Knex } from 'knex';

/** A file an agent attached to a ticket, as the timeline and the API show it. */
export interface TicketAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface TicketAttachmentRow {
  id: string; ticket_number: number; filename: string; content_type: string; size: number; storage_key: string; reply_seq: number | null;
}

/** Records an agent's upload to a ticket, its bytes already in the attachment store. */
export async function insertTicketAttachment(
  trx: Knex.Transaction,
  orgId: string,
  upload: { id: string; number: number; filename: string; contentType: string; size: number; storageKey: string; uploadedBy: string },
): Promise<void> {
  await trx('ticket_attachments').insert({
    org_id: orgId, id: upload.id, ticket_number: upload.number, filename: upload.filename, content_type: upload.contentType,
    size: upload.size, storage_key: upload.storageKey, uploaded_by: upload.uploadedBy,
  });
}

/** An agent's upload to this ticket, linked to a reply or not yet. */
export async function findAgentAttachment(trx: Knex.Transaction, orgId: string, number: number, id: string): Promise<TicketAttachmentRow | undefined> {
  return trx('ticket_attachments').where({ org_id: orgId, ticket_number: number, id }).first<TicketAttachmentRow | undefined>('*');
}

/** Of `ids`, those that are uploads to this ticket (sent with a reply already or not). */
export async function uploadsOfTicket(trx: Knex.Transaction, orgId: string, number: number, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows: { id: string }[] = await trx('ticket_attachments').where({ org_id: orgId, ticket_number: number }).whereIn('id', ids).select('id');
  return rows.map((row) => row.id);
}

/**
 * Links uploads to the reply or note written as change `seq`: each once, only this ticket's.
 * Answers the ids it could not link (the caller refuses the whole change then).
 */
export async function linkAttachments(trx: Knex.Transaction, orgId: string, number: number, seq: number, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const linked: { id: string }[] = await trx('ticket_attachments')
    .where({ org_id: orgId, ticket_number: number }).whereIn('id', ids).whereNull('reply_seq')
    .update({ reply_seq: seq }).returning('id');
  const done = new Set(linked.map((row) => row.id));
  return ids.filter((id) => !done.has(id));
}

/** The files linked to the ticket's changes `seqs` (its replies and notes), by change, in upload order. */
export async function attachmentsOfChanges(trx: Knex.Transaction, orgId: string, number: number, seqs: readonly number[]): Promise<Map<number, TicketAttachmentRow[]>> {
  const bySeq = new Map<number, TicketAttachmentRow[]>();
  if (seqs.length === 0) return bySeq;
  const rows: TicketAttachmentRow[] = await trx('ticket_attachments')
    .where({ org_id: orgId, ticket_number: number }).whereIn('reply_seq', seqs).orderBy(['created_at', 'id']).select('*');
  for (const row of rows) {
    const seq = row.reply_seq as number;
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), row]);
  }
  return bySeq;
}

/** This ticket's uploads among `ids` that went with a reply or note. */
export async function attachmentsByIds(trx: Knex.Transaction, orgId: string, number: number, ids: readonly string[]): Promise<TicketAttachmentRow[]> {
  return trx('ticket_attachments').where({ org_id: orgId, ticket_number: number }).whereIn('id', ids).whereNotNull('reply_seq').select('*');
}

export function attachmentView(row: TicketAttachmentRow): TicketAttachmentView {
  return { id: row.id, filename: row.filename, contentType: row.content_type, size: row.size };
}
