import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Core schema: organisations, people, tickets and their timeline.
 *
 * Every tenant table carries `org_id` and has row-level security enabled *and forced*, with
 * a policy on `app.org_id`, which `db/tenant.ts` sets per transaction. The application
 * connects as `keel_app`, which owns nothing and cannot bypass RLS; migrations run as the
 * owner. A query that forgets its `where org_id = ?` still sees only its own tenant.
 *
 * The owner must be a superuser or have BYPASSRLS: forced RLS binds table owners too, and the
 * few SECURITY DEFINER functions below (login look-up) must read across tenants.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS citext;

    CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
    CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

    CREATE TABLE organizations (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      slug citext NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- People who sign in. Identity is global (one login, possibly several orgs); what a
    -- person may do in an org is their membership. Visible only to themselves and to the
    -- orgs they belong to.
    CREATE TABLE users (
      id uuid PRIMARY KEY,
      email citext NOT NULL UNIQUE,
      name text NOT NULL,
      password_hash text,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE memberships (
      org_id uuid NOT NULL REFERENCES organizations(id),
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('owner','admin','agent','dispatcher','technician','customer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, user_id)
    );
    CREATE INDEX memberships_user_idx ON memberships (user_id);

    CREATE TABLE refresh_tokens (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      family_id uuid NOT NULL,
      token_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (org_id, family_id);

    CREATE TABLE teams (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, name)
    );

    CREATE TABLE team_members (
      org_id uuid NOT NULL,
      team_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (org_id, team_id, user_id),
      FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE
    );

    CREATE TABLE companies (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      domain citext,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, domain)
    );

    -- Customers: the people tickets are about. They need not have a login.
    CREATE TABLE contacts (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      email citext NOT NULL,
      name text,
      company_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, email),
      FOREIGN KEY (org_id, company_id) REFERENCES companies(org_id, id)
    );

    CREATE TABLE ticket_counters (
      org_id uuid PRIMARY KEY REFERENCES organizations(id),
      last_number integer NOT NULL DEFAULT 0
    );

    -- The read model of ticket workflows: written only by activities.
    CREATE TABLE tickets (
      org_id uuid NOT NULL REFERENCES organizations(id),
      number integer NOT NULL,
      subject text NOT NULL,
      description text NOT NULL,
      status text NOT NULL CHECK (status IN ('new','open','pending','on_hold','solved','closed')),
      priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
      channel text NOT NULL,
      requester_id uuid NOT NULL,
      assignee_id uuid REFERENCES users(id),
      team_id uuid,
      tags text[] NOT NULL DEFAULT '{}',
      fields jsonb NOT NULL DEFAULT '{}',
      -- Sequence number of the last change applied: makes every activity write idempotent.
      version integer NOT NULL DEFAULT 0,
      search tsvector NOT NULL DEFAULT ''::tsvector,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      solved_at timestamptz,
      closed_at timestamptz,
      PRIMARY KEY (org_id, number),
      FOREIGN KEY (org_id, requester_id) REFERENCES contacts(org_id, id),
      FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id)
    );
    CREATE INDEX tickets_queue_idx ON tickets (org_id, status, updated_at DESC, number DESC);
    CREATE INDEX tickets_assignee_idx ON tickets (org_id, assignee_id, updated_at DESC);
    CREATE INDEX tickets_tags_idx ON tickets USING gin (tags);
    CREATE INDEX tickets_search_idx ON tickets USING gin (search);

    -- The timeline: one row per accepted change, keyed by the change's sequence number.
    CREATE TABLE ticket_events (
      org_id uuid NOT NULL,
      ticket_number integer NOT NULL,
      seq integer NOT NULL,
      part integer NOT NULL DEFAULT 0,
      type text NOT NULL,
      actor_id uuid,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, ticket_number, seq, part),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );

    CREATE TABLE tags (
      org_id uuid NOT NULL REFERENCES organizations(id),
      name text NOT NULL,
      PRIMARY KEY (org_id, name)
    );

    CREATE TABLE idempotency_keys (
      org_id uuid NOT NULL REFERENCES organizations(id),
      key text NOT NULL,
      request_hash text NOT NULL,
      ticket_number integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, key)
    );

    CREATE TABLE saved_views (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      filters jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );

    -- Append-only: the app role may insert and read, never change or delete.
    CREATE TABLE audit_log (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id bigint GENERATED ALWAYS AS IDENTITY,
      actor_id uuid,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
  `);

  const tenantTables = [
    'memberships', 'refresh_tokens', 'teams', 'team_members', 'companies', 'contacts',
    'ticket_counters', 'tickets', 'ticket_events', 'tags', 'idempotency_keys', 'saved_views', 'audit_log',
  ];
  await enableTenantIsolation(knex, tenantTables);

  await knex.raw(`
    ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
    ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON organizations
      USING (id = app_org_id() OR id IN (SELECT org_id FROM memberships WHERE user_id = app_user_id()))
      WITH CHECK (id = app_org_id());

    -- A person may see their own memberships in every org (to choose one at login).
    CREATE POLICY own_memberships ON memberships FOR SELECT USING (user_id = app_user_id());

    ALTER TABLE users ENABLE ROW LEVEL SECURITY;
    ALTER TABLE users FORCE ROW LEVEL SECURITY;
    CREATE POLICY visible_users ON users FOR SELECT USING (
      id = app_user_id()
      OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = app_org_id())
    );
    -- New identities may be created (signup, an admin adding a member); only the person
    -- themself may change theirs.
    CREATE POLICY create_users ON users FOR INSERT WITH CHECK (true);
    CREATE POLICY update_self ON users FOR UPDATE USING (id = app_user_id()) WITH CHECK (id = app_user_id());

    -- The two reads that must cross tenants before a tenant is known, kept narrow:
    -- the credentials of one email address (login), and whether an address has an identity.
    CREATE FUNCTION auth_lookup(p_email citext)
      RETURNS TABLE (id uuid, password_hash text, totp_secret text, totp_enabled boolean, totp_last_step bigint)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT id, password_hash, totp_secret, totp_enabled, totp_last_step FROM users WHERE email = p_email $$;
    -- Find or create the identity for an address: an admin adding someone who already has a
    -- login elsewhere must not learn more than its id, and cannot change it.
    CREATE FUNCTION ensure_identity(p_id uuid, p_email citext, p_name text, p_password_hash text)
      RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      DECLARE found_id uuid;
      BEGIN
        INSERT INTO users (id, email, name, password_hash) VALUES (p_id, p_email, p_name, p_password_hash)
          ON CONFLICT (email) DO NOTHING;
        SELECT id INTO found_id FROM users WHERE email = p_email;
        RETURN found_id;
      END $$;
    -- A TOTP step, once used, can never be used again: a compare-and-set done by the owner
    -- because the caller has no tenant yet.
    CREATE FUNCTION auth_consume_totp_step(p_user uuid, p_step bigint) RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS
      $$ UPDATE users SET totp_last_step = p_step
         WHERE id = p_user AND (totp_last_step IS NULL OR totp_last_step < p_step)
         RETURNING true $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS audit_log, saved_views, idempotency_keys, tags, ticket_events, tickets,
      ticket_counters, contacts, companies, team_members, teams, refresh_tokens, memberships, users,
      organizations CASCADE;
    DROP FUNCTION IF EXISTS app_org_id(), app_user_id(), auth_lookup(citext), ensure_identity(uuid, citext, text, text),
      auth_consume_totp_step(uuid, bigint);
  `);
}
