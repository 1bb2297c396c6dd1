import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { insertRefreshToken, lockRefreshToken, revokeRefreshFamily, revokeRefreshToken } from '../../db/refresh-token-store';

/**
 * Opaque refresh tokens `{orgId}.{id}.{secret}`, stored hashed. Each use rotates the token;
 * presenting one that was already rotated means it leaked, so its whole family is revoked.
 * A family is one session: access tokens carry its id (`sid`) and stop working when it is revoked.
 */
export interface ParsedRefreshToken {
  orgId: string;
  id: string;
  secret: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseRefreshToken(token: string): ParsedRefreshToken | null {
  const [orgId, id, secret, ...rest] = token.split('.');
  if (rest.length > 0 || !orgId || !id || !secret || !UUID.test(orgId) || !UUID.test(id)) return null;
  return { orgId, id, secret };
}

export async function issueRefreshToken(
  trx: Knex.Transaction,
  grant: { orgId: string; userId: string; familyId?: string; ttlSeconds: number },
): Promise<{ token: string; familyId: string }> {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  const familyId = grant.familyId ?? randomUUID();
  await insertRefreshToken(trx, {
    orgId: grant.orgId,
    id,
    userId: grant.userId,
    familyId,
    tokenHash: digest(secret),
    expiresAt: new Date(Date.now() + grant.ttlSeconds * 1000),
  });
  return { token: `${grant.orgId}.${id}.${secret}`, familyId };
}

export type RotationOutcome =
  | { ok: true; userId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' };

/** Consumes a refresh token inside the caller's tenant transaction. */
export async function consumeRefreshToken(trx: Knex.Transaction, token: ParsedRefreshToken): Promise<RotationOutcome> {
  const row = await lockRefreshToken(trx, token.orgId, token.id);
  if (!row || !sameDigest(row.token_hash, digest(token.secret))) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) {
    await revokeFamily(trx, token.orgId, row.family_id);
    return { ok: false, reason: 'reused' };
  }
  if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  await revokeRefreshToken(trx, token.orgId, token.id);
  return { ok: true, userId: row.user_id, familyId: row.family_id };
}

export async function revokeFamily(trx: Knex.Transaction, orgId: string, familyId: string): Promise<void> {
  await revokeRefreshFamily(trx, orgId, familyId);
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
