import type { Knex } from 'knex';

/**
 * The Idempotency-Keys requests were sent with, each bound to a hash of its request. Claiming
 * a key inserts its row inside the caller's transaction; a key already there answers with the
 * earlier claim for the caller to compare (same body: a retry; another body: a misuse).
 */

/** Where a kind of record keeps the keys of the requests that opened one, with the number it got. */
export type NumberKeyTable =
  | { table: 'idempotency_keys'; numberColumn: 'ticket_number' }
  | { table: 'work_order_requests'; numberColumn: 'work_order_number' };

/** The earlier claim of the key, or null when this request claimed it (with number 0 until `setClaimedNumber`). */
export async function claimNumberKey(
  trx: Knex.Transaction,
  store: NumberKeyTable,
  where: { org_id: string; key: string },
  requestHash: string,
): Promise<{ requestHash: string; number: number } | null> {
  const claimed = await trx(store.table)
    .insert({ ...where, request_hash: requestHash, [store.numberColumn]: 0 })
    .onConflict(['org_id', 'key']).ignore().returning('key');
  if (claimed.length > 0) return null;
  const earlier = await trx(store.table).where(where).first<Record<string, unknown> & { request_hash: string }>();
  return { requestHash: earlier.request_hash, number: Number(earlier[store.numberColumn]) };
}

export async function setClaimedNumber(trx: Knex.Transaction, store: NumberKeyTable, where: { org_id: string; key: string }, number: number): Promise<void> {
  await trx(store.table).where(where).update({ [store.numberColumn]: number });
}

/** The earlier claim's request hash for a command's key, or null when this request claimed it. */
export async function claimCommandRequest(
  trx: Knex.Transaction,
  where: { org_id: string; target: string; key: string },
  requestHash: string,
): Promise<string | null> {
  const claimed = await trx('command_requests').insert({ ...where, request_hash: requestHash }).onConflict(['org_id', 'target', 'key']).ignore().returning('key');
  if (claimed.length > 0) return null;
  const earlier = await trx('command_requests').where(where).first<{ request_hash: string }>('request_hash');
  return earlier.request_hash;
}
