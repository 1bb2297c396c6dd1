import type { Knex } from 'knex';

/**
 * Refresh-token rows (hashed secrets, one family per session), read and written inside the
 * caller's tenant transaction. What a token means (rotation, reuse) stays with the API.
 */

export interface RefreshTokenRow {
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertRefreshToken(
  trx: Knex.Transaction,
  row: { orgId: string; id: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await trx('refresh_tokens').insert({
    org_id: row.orgId,
    id: row.id,
    user_id: row.userId,
    family_id: row.familyId,
    token_hash: row.tokenHash,
    expires_at: row.expiresAt,
  });
}

/** The token's row, locked until the transaction ends so two rotations of it cannot both pass. */
export async function lockRefreshToken(trx: Knex.Transaction, orgId: string, id: string): Promise<RefreshTokenRow | undefined> {
  return trx('refresh_tokens')
    .where({ org_id: orgId, id })
    .forUpdate()
    .first<RefreshTokenRow | undefined>();
}

export async function revokeRefreshToken(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await trx('refresh_tokens').where({ org_id: orgId, id }).update({ revoked_at: trx.fn.now() });
}

/** Revokes every still-live token of the family (the session). */
export async function revokeRefreshFamily(trx: Knex.Transaction, orgId: string, familyId: string): Promise<void> {
  await trx('refresh_tokens').where({ org_id: orgId, family_id: familyId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
}

/** Ends every session the member has in the org: their access tokens stop working at the next request. */
export async function revokeMemberSessions(trx: Knex.Transaction, orgId: string, userId: string): Promise<void> {
  await trx('refresh_tokens').where({ org_id: orgId, user_id: userId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
}

/** The family (session) a token belongs to, whatever its state. */
export async function refreshTokenFamily(trx: Knex.Transaction, orgId: string, id: string): Promise<string | undefined> {
  return (await trx('refresh_tokens').where({ org_id: orgId, id }).first<{ family_id: string } | undefined>('family_id'))?.family_id;
}
