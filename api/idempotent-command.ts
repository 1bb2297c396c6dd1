import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { Problem } from './problem';

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
  const where = { org_id: orgId, target: request.target, key: request.key };
  const requestHash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
  const claimed = await trx('command_requests').insert({ ...where, request_hash: requestHash }).onConflict(['org_id', 'target', 'key']).ignore().returning('key');
  if (claimed.length > 0) return;
  const earlier = await trx('command_requests').where(where).first<{ request_hash: string }>('request_hash');
  if (earlier.request_hash !== requestHash) {
    throw new Problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different request', {
      detail: 'Use a new key for a new command.',
    });
  }
}
