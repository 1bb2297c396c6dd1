import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { Problem } from './problem';

/** Where a kind of record keeps the Idempotency-Keys of the requests that opened one. */
export type IdempotencyStore =
  | { table: 'idempotency_keys'; numberColumn: 'ticket_number'; keyPrefix: ''; noun: 'ticket' }
  | { table: 'work_order_requests'; numberColumn: 'work_order_number'; keyPrefix: 'api:'; noun: 'work order' };

export const TICKET_KEYS: IdempotencyStore = { table: 'idempotency_keys', numberColumn: 'ticket_number', keyPrefix: '', noun: 'ticket' };
export const WORK_ORDER_KEYS: IdempotencyStore = { table: 'work_order_requests', numberColumn: 'work_order_number', keyPrefix: 'api:', noun: 'work order' };

export interface NumberClaim {
  number: number;
  /** True when an earlier request with this key already took the number. */
  replayed: boolean;
}

/**
 * Allocates a new record's number, once per Idempotency-Key, inside the caller's transaction.
 * The key row is claimed before the number is taken, so concurrent retries of one request
 * queue on it instead of each allocating a record. The same key with another body is a 422.
 */
export async function claimNumber(
  trx: Knex.Transaction,
  orgId: string,
  store: IdempotencyStore,
  request: { key: string | undefined; body: unknown },
  allocate: () => Promise<number>,
): Promise<NumberClaim> {
  if (request.key === undefined) return { number: await allocate(), replayed: false };
  const where = { org_id: orgId, key: `${store.keyPrefix}${request.key}` };
  const requestHash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
  const claimed = await trx(store.table)
    .insert({ ...where, request_hash: requestHash, [store.numberColumn]: 0 })
    .onConflict(['org_id', 'key']).ignore().returning('key');
  if (claimed.length === 0) {
    const earlier = await trx(store.table).where(where).first<Record<string, unknown> & { request_hash: string }>();
    if (earlier.request_hash !== requestHash) {
      throw new Problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different request', {
        detail: `Use a new key for a new ${store.noun}.`,
      });
    }
    return { number: Number(earlier[store.numberColumn]), replayed: true };
  }
  const number = await allocate();
  await trx(store.table).where(where).update({ [store.numberColumn]: number });
  return { number, replayed: false };
}
