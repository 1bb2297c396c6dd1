import type { Knex } from 'knex';
import { claimNumberKey, setClaimedNumber } from '../db/idempotency-keys';
import { refuseReusedKey, requestHashOf } from './idempotency-key-reuse';

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
  const requestHash = requestHashOf(request.body);
  const earlier = await claimNumberKey(trx, store, where, requestHash);
  if (earlier !== null) {
    refuseReusedKey(earlier.requestHash, requestHash, store.noun);
    return { number: earlier.number, replayed: true };
  }
  const number = await allocate();
  await setClaimedNumber(trx, store, where, number);
  return { number, replayed: false };
}
