import type { Knex } from 'knex';

/**
 * One page of a mailbox's rejected mail, newest first, keyed by (received_at, id); one row more
 * than asked shows there are more. The caller names the columns (the channel owns the row's shape).
 */
export async function listRejectedMail<Row>(
  trx: Knex.Transaction,
  orgId: string,
  mailboxId: string,
  page: { before: { receivedAt: string; id: string } | null; limit: number },
  columns: readonly string[],
): Promise<Row[]> {
  const builder = trx('email_rejected_mail').where({ org_id: orgId, mailbox_id: mailboxId });
  if (page.before) builder.whereRaw('(received_at, id) < (?::timestamptz, ?::uuid)', [page.before.receivedAt, page.before.id]);
  const rows: unknown[] = await builder.orderBy([{ column: 'received_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(page.limit + 1).select(columns);
  return rows as Row[];
}
