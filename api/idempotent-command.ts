import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { claimCommandRequest } from '../db/idempotency-keys';
import { withTenant } from '../db/tenant';
import type { Auth } from './auth/roles';
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

/** The same claim in a transaction of its own, before the command is sent; a request without a key claims nothing. */
export async function claimKeyIfGiven(db: Db, auth: Auth, request: { target: string; key: string | undefined; body: unknown }): Promise<void> {
  const { key } = request;
  if (key !== undefined) await withTenant(db, auth, (trx) => claimCommandKey(trx, auth.orgId, { ...request, key }));
}
