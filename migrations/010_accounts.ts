import type { Knex } from 'knex';
import { SEALED_PREFIX, SecretBox, totpContext } from '../db/secret-box';
import { sealingKey } from './sealing-key';

/**
 * Accounts and sessions:
 * - `auth_session_active`: whether a refresh-token family (a session) still lives, checked on
 *   every authenticated request so a logged-out or revoked session's access tokens fail at once;
 * - `signup_requests`: pending sign-ups waiting for their emailed confirmation link, with no
 *   tenant yet, so reachable only through `auth_consume_signup` (single use, short-lived);
 * - TOTP secrets sealed with the mailbox-password box (AES-256-GCM under `KEEL_MAIL_KEY`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION auth_session_active(p_org uuid, p_family uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT EXISTS (SELECT 1 FROM refresh_tokens
           WHERE org_id = p_org AND family_id = p_family AND revoked_at IS NULL AND expires_at > now()) $$;

    CREATE TABLE signup_requests (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      email citext NOT NULL,
      name text NOT NULL,
      organization text NOT NULL,
      password_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX signup_requests_expires_idx ON signup_requests (expires_at);
    -- Not a tenant table (no org exists yet): the app may add requests and read none back.
    ALTER TABLE signup_requests ENABLE ROW LEVEL SECURITY;
    ALTER TABLE signup_requests FORCE ROW LEVEL SECURITY;
    CREATE POLICY create_signup_requests ON signup_requests FOR INSERT WITH CHECK (true);

    -- A confirmation link works once, before it expires; expired requests are swept on the way.
    CREATE FUNCTION auth_consume_signup(p_token_hash text)
      RETURNS TABLE (email citext, name text, organization text, password_hash text)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
      $$ DELETE FROM signup_requests WHERE expires_at < now() - interval '1 day';
         UPDATE signup_requests r SET used_at = now()
          WHERE r.token_hash = p_token_hash AND r.used_at IS NULL AND r.expires_at > now()
          RETURNING r.email, r.name, r.organization, r.password_hash $$;
  `);
  const stored = await knex('users').whereNotNull('totp_secret').count<{ count: string }[]>({ count: '*' });
  if (Number(stored[0]?.count ?? 0) === 0) return;
  const key = sealingKey();
  if (!key) throw new Error('Migration 010 seals TOTP secrets: run it with KEEL_MAIL_KEY (or the data directory holding mail-key).');
  await sealClearTotpSecrets(knex, key);
}

/** Seals every TOTP secret still stored in clear (idempotent: sealed ones are left alone). */
export async function sealClearTotpSecrets(knex: Knex, key: Buffer): Promise<number> {
  return resealTotpSecrets(knex, new SecretBox(key), (box, secret, userId) => (secret.startsWith(SEALED_PREFIX) ? null : box.encrypt(secret, totpContext(userId))));
}

export async function down(knex: Knex): Promise<void> {
  const key = sealingKey();
  const unseal = (box: SecretBox, secret: string, userId: string) => (secret.startsWith(SEALED_PREFIX) ? box.decrypt(secret, totpContext(userId)) : null);
  if (key) await resealTotpSecrets(knex, new SecretBox(key), unseal);
  await knex.raw(`
    DROP FUNCTION IF EXISTS auth_consume_signup(text), auth_session_active(uuid, uuid);
    DROP TABLE IF EXISTS signup_requests;
  `);
}

/** Rewrites each stored TOTP secret that `transform` changes; answers how many. */
async function resealTotpSecrets(knex: Knex, box: SecretBox, transform: (box: SecretBox, secret: string, userId: string) => string | null): Promise<number> {
  const rows = await knex('users').whereNotNull('totp_secret').select<{ id: string; totp_secret: string }[]>('id', 'totp_secret');
  let changed = 0;
  for (const row of rows) {
    const next = transform(box, row.totp_secret, row.id);
    if (next === null) continue;
    await knex('users').where({ id: row.id }).update({ totp_secret: next });
    changed++;
  }
  return changed;
}
