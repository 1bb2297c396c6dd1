import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';

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
  await trx('refresh_tokens').insert({
    org_id: grant.orgId,
    id,
    user_id: grant.userId,
    family_id: familyId,
    token_hash: digest(secret),
    expires_at: new Date(Date.now() + grant.ttlSeconds * 1000),
  });
  return { token: `${grant.orgId}.${id}.${secret}`, familyId };
}

export type RotationOutcome =
  | { ok: true; userId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' };

/** Consumes a refresh token inside the caller's tenant transaction. */
export async function consumeRefreshToken(trx: Knex.Transaction, token: ParsedRefreshToken): Promise<RotationOutcome> {
  const row = await trx('refresh_tokens')
    .where({ org_id: token.orgId, id: token.id })
    .forUpdate()
    .first<{ user_id: string; family_id: string; token_hash: string; expires_at: Date; revoked_at: Date | null }>();
  if (!row || !sameDigest(row.token_hash, digest(token.secret))) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) {
    await revokeFamily(trx, token.orgId, row.family_id);
    return { ok: false, reason: 'reused' };
  }
  if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  await trx('refresh_tokens').where({ org_id: token.orgId, id: token.id }).update({ revoked_at: trx.fn.now() });
  return { ok: true, userId: row.user_id, familyId: row.family_id };
}

export async function revokeFamily(trx: Knex.Transaction, orgId: string, familyId: string): Promise<void> {
  await trx('refresh_tokens').where({ org_id: orgId, family_id: familyId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
