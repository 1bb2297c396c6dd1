import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Invitations: how a person joins an org. An admin's invitation is only a proposal; the
 * person joins when they accept it with the mailed token (kept here only as a SHA-256 hash),
 * once, before it expires. Nothing is read from the invitee's identity until they accept.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE invitations (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      email citext NOT NULL,
      -- The name the inviter typed (a suggestion for a new person), never the invitee's own.
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner','admin','agent','dispatcher','technician','customer')),
      token_hash text NOT NULL UNIQUE,
      invited_by uuid NOT NULL REFERENCES users(id),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users(id),
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    -- At most one open invitation per address and org: inviting again replaces it.
    CREATE UNIQUE INDEX invitations_open_idx ON invitations (org_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
  `);
  await enableTenantIsolation(knex, ['invitations']);
  await knex.raw(`
    -- The one read before a tenant is known: which org and invitation a token opens. It
    -- returns nothing about the invitee's identity.
    CREATE FUNCTION invitation_by_token(p_token_hash text)
      RETURNS TABLE (org_id uuid, id uuid, org_name text, email citext, name text, role text, expires_at timestamptz,
                     accepted_at timestamptz, revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT i.org_id, i.id, o.name, i.email, i.name, i.role, i.expires_at, i.accepted_at, i.revoked_at
         FROM invitations i JOIN organizations o ON o.id = i.org_id WHERE i.token_hash = p_token_hash $$;

    -- Adding a member by address found-or-created identities across tenants; nothing does now.
    DROP FUNCTION ensure_identity(uuid, citext, text, text);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION IF EXISTS invitation_by_token(text);
    DROP TABLE IF EXISTS invitations;
    CREATE FUNCTION ensure_identity(p_id uuid, p_email citext, p_name text, p_password_hash text)
      RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      DECLARE found_id uuid;
      BEGIN
        INSERT INTO users (id, email, name, password_hash) VALUES (p_id, p_email, p_name, p_password_hash)
          ON CONFLICT (email) DO NOTHING;
        SELECT id INTO found_id FROM users WHERE email = p_email;
        RETURN found_id;
      END $$;
  `);
}
