import type { Knex } from 'knex';
import type { Db } from './connection';

/**
 * Password-reset links and password changes, through the SECURITY DEFINER functions of
 * migration 031: identity is global, so none of this runs in a tenant, and the app role cannot
 * read `password_resets` at all.
 */

/** Whom a reset link was recorded for; undefined when no login has this address (the same statement ran either way). */
export async function insertPasswordReset(
  db: Db,
  request: { email: string; id: string; tokenHash: string; ttlSeconds: number },
): Promise<{ email: string; name: string; expires_at: Date } | undefined> {
  const { rows } = await db.raw<{ rows: { email: string; name: string; expires_at: Date }[] }>(
    'SELECT * FROM auth_request_password_reset(?, ?, ?, ?)', [request.email, request.id, request.tokenHash, request.ttlSeconds],
  );
  return rows[0];
}

export type PasswordResetOutcome =
  | { outcome: 'reset'; userId: string; email: string; name: string }
  | { outcome: 'unknown' | 'used' | 'expired' };

/**
 * Follows a link: when it is open, sets the password, spends the login's open links, ends all
 * its sessions in every org and audits it in each, in one statement.
 */
export async function resetPassword(db: Db, tokenHash: string, passwordHash: string): Promise<PasswordResetOutcome> {
  const { rows } = await db.raw<{ rows: { outcome: string; reset_user: string | null; reset_email: string | null; reset_name: string | null }[] }>(
    'SELECT * FROM auth_reset_password(?, ?)', [tokenHash, passwordHash],
  );
  const row = rows[0];
  if (row?.outcome === 'reset' && row.reset_user && row.reset_email && row.reset_name !== null) {
    return { outcome: 'reset', userId: row.reset_user, email: row.reset_email, name: row.reset_name };
  }
  return { outcome: row?.outcome === 'used' || row?.outcome === 'expired' ? row.outcome : 'unknown' };
}

/** The signed-in person's own password hash (their row is visible to them). */
export async function ownPasswordHash(trx: Knex.Transaction, userId: string): Promise<string | null> {
  const row = await trx('users').where({ id: userId }).first<{ password_hash: string | null } | undefined>('password_hash');
  return row?.password_hash ?? null;
}

/**
 * Sets the password of the person the transaction acts for (`app.user_id`), ends their other
 * sessions (all but `keep`), spends their open reset links, audits it in each of their orgs;
 * answers how many sessions ended.
 */
export async function changeOwnPassword(trx: Knex.Transaction, passwordHash: string, keep: { orgId: string; familyId: string }): Promise<number> {
  const { rows } = await trx.raw<{ rows: { ended: number }[] }>('SELECT auth_change_password(?, ?, ?) AS ended', [passwordHash, keep.orgId, keep.familyId]);
  return rows[0]?.ended ?? 0;
}
