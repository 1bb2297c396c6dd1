import type { Knex } from 'knex';
import { claimCommandRequest } from '../db/idempotency-keys';
import { refuseReusedKey, requestHashOf } from './idempotency-key-reuse';

/**
 * Claims a command's Idempotency-Key for one target (`ticket/42/reply`) with a hash of its
 * request, inside the caller's transaction. The first request with the key, and every retry
 * with the same body, pass; the same key with another body is a 422, as it is for creating a
 * ticket (`idempotent-number.ts`), because the workflow would otherwise answer it with the
 * first request's result and drop it.
 */
export async function claimCommandKey(
  trx: Knex.Transaction,
  orgId: string,
  request: { target: string; key: string; body: unknown },
): Promise<void> {
  const requestHash = requestHashOf(request.body);
  const earlier = await claimCommandRequest(trx, { org_id: orgId, target: request.target, key: request.key }, requestHash);
  if (earlier !== null) refuseReusedKey(earlier, requestHash, 'command');
}
