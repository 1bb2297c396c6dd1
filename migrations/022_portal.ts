import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

const TENANT_TABLES = ['portal_magic_links', 'portal_sessions', 'ticket_ratings'];

/**
 * The customer portal: sign-in by magic link, the sessions it opens, and customers' ratings of
 * solved tickets (CSAT). Tokens are kept only as SHA-256 hashes. Every read happens after the
 * org is known from the portal URL's slug (`help_centre_org`), so no lookup crosses tenants.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- A one-time link mailed to an address. The contact is found or created only when the link
    -- is used (the address is then proven), never when someone merely asks for one.
    CREATE TABLE portal_magic_links (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      email citext NOT NULL,
      token_hash text NOT NULL UNIQUE,
      -- Who asked (for the per-address and per-IP limits), not who used it.
      requested_ip text,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX portal_magic_links_email_idx ON portal_magic_links (org_id, email, created_at);
    CREATE INDEX portal_magic_links_ip_idx ON portal_magic_links (org_id, requested_ip, created_at);

    -- A signed-in customer: one contact of one org.
    CREATE TABLE portal_sessions (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      contact_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id)
    );

    -- One rating per ticket: the first one given stands (a second submit changes nothing).
    CREATE TABLE ticket_ratings (
      org_id uuid NOT NULL REFERENCES organizations(id),
      ticket_number integer NOT NULL,
      rating text NOT NULL CHECK (rating IN ('good','bad')),
      comment text,
      contact_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number),
      FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id)
    );
  `);
  await enableTenantIsolation(knex, TENANT_TABLES);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS ticket_ratings, portal_sessions, portal_magic_links`);
}
