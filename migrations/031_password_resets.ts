import type { Knex } from 'knex';

/**
 * Password resets by mailed link, and password changes by a signed-in person.
 *
 * - `password_resets`: one row per link mailed, holding only a SHA-256 hash of its token.
 *   Identity is global (no tenant), so, like `signup_requests`, the table has row-level
 *   security forced and no policy at all: the app role reaches it only through the SECURITY
 *   DEFINER functions below.
 * - `auth_request_password_reset`: records a link for the login with this address, if there is
 *   one (the same statement runs either way), and makes the address's earlier links unusable.
 * - `auth_reset_password`: follows a link: once, before it expires; sets the password, spends
 *   every open link of the login, signs out every session of it in every org, and writes an
 *   audit line in each org it belongs to, all in one transaction.
 * - `auth_change_password`: the signed-in person (`app.user_id`) sets a new password; every
 *   other session of theirs ends, open reset links are spent, each org's audit log records it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE password_resets (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL;
    CREATE INDEX password_resets_expires_idx ON password_resets (expires_at);
    -- Not a tenant table, and the app may neither read nor write it directly.
    ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
    ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;

    -- Signing a person out everywhere looks their live tokens up by person, across orgs.
    CREATE INDEX refresh_tokens_live_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

    CREATE FUNCTION auth_request_password_reset(p_email citext, p_id uuid, p_token_hash text, p_ttl_seconds integer)
      RETURNS TABLE (email citext, name text, expires_at timestamptz)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
      $$ DELETE FROM password_resets WHERE password_resets.expires_at < now() - interval '1 day';
         UPDATE password_resets r SET used_at = now()
           FROM users u WHERE u.email = p_email AND r.user_id = u.id AND r.used_at IS NULL;
         WITH person AS (SELECT u.id, u.email, u.name FROM users u WHERE u.email = p_email),
              link AS (INSERT INTO password_resets (id, user_id, token_hash, expires_at)
                         SELECT p_id, person.id, p_token_hash, now() + make_interval(secs => p_ttl_seconds) FROM person
                         RETURNING password_resets.expires_at)
         SELECT person.email, person.name, link.expires_at FROM person, link $$;

    CREATE FUNCTION auth_reset_password(p_token_hash text, p_password_hash text)
      RETURNS TABLE (outcome text, reset_user uuid, reset_email citext, reset_name text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        link password_resets%ROWTYPE;
        person users%ROWTYPE;
        ended integer;
      BEGIN
        SELECT * INTO link FROM password_resets r WHERE r.token_hash = p_token_hash FOR UPDATE;
        IF NOT FOUND THEN RETURN QUERY SELECT 'unknown'::text, NULL::uuid, NULL::citext, NULL::text; RETURN; END IF;
        IF link.used_at IS NOT NULL THEN RETURN QUERY SELECT 'used'::text, NULL::uuid, NULL::citext, NULL::text; RETURN; END IF;
        IF link.expires_at <= now() THEN RETURN QUERY SELECT 'expired'::text, NULL::uuid, NULL::citext, NULL::text; RETURN; END IF;
        UPDATE password_resets r SET used_at = now() WHERE r.user_id = link.user_id AND r.used_at IS NULL;
        UPDATE users u SET password_hash = p_password_hash WHERE u.id = link.user_id RETURNING * INTO person;
        UPDATE refresh_tokens t SET revoked_at = now() WHERE t.user_id = link.user_id AND t.revoked_at IS NULL;
        GET DIAGNOSTICS ended = ROW_COUNT;
        INSERT INTO audit_log (org_id, actor_id, action, entity_type, entity_id, data)
          SELECT m.org_id, link.user_id, 'user.password_reset', 'user', link.user_id::text,
                 jsonb_build_object('via', 'email_link', 'sessionsEnded', ended)
          FROM memberships m WHERE m.user_id = link.user_id;
        RETURN QUERY SELECT 'reset'::text, person.id, person.email, person.name;
      END $$;

    CREATE FUNCTION auth_change_password(p_password_hash text, p_keep_org uuid, p_keep_family uuid) RETURNS integer
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        me uuid := app_user_id();
        ended integer;
      BEGIN
        IF me IS NULL THEN RAISE EXCEPTION 'auth_change_password needs app.user_id'; END IF;
        UPDATE users u SET password_hash = p_password_hash WHERE u.id = me;
        UPDATE password_resets r SET used_at = now() WHERE r.user_id = me AND r.used_at IS NULL;
        UPDATE refresh_tokens t SET revoked_at = now()
          WHERE t.user_id = me AND t.revoked_at IS NULL AND NOT (t.org_id = p_keep_org AND t.family_id = p_keep_family);
        GET DIAGNOSTICS ended = ROW_COUNT;
        INSERT INTO audit_log (org_id, actor_id, action, entity_type, entity_id, data)
          SELECT m.org_id, me, 'user.password_changed', 'user', me::text, jsonb_build_object('sessionsEnded', ended)
          FROM memberships m WHERE m.user_id = me;
        RETURN ended;
      END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION IF EXISTS auth_change_password(text, uuid, uuid), auth_reset_password(text, text),
      auth_request_password_reset(citext, uuid, text, integer);
    DROP INDEX IF EXISTS refresh_tokens_live_user_idx;
    DROP TABLE IF EXISTS password_resets;
  `);
}
