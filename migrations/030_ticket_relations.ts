import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Merge, links and CCs. A merged ticket keeps its row and timeline and points at the ticket it
 * went into (mail answering it threads there). A link is stored on the side that made it, in
 * that ticket's terms (`parent`: `linked_number` is its parent); the other side reads it
 * reversed. CCs are contacts copied on a ticket's public replies: the requesters of tickets
 * merged into it, and anyone an agent adds.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets ADD COLUMN merged_into integer;
    ALTER TABLE tickets ADD CONSTRAINT tickets_merged_into_fk FOREIGN KEY (org_id, merged_into) REFERENCES tickets(org_id, number);
    CREATE INDEX tickets_merged_into_idx ON tickets (org_id, merged_into) WHERE merged_into IS NOT NULL;

    CREATE TABLE ticket_links (
      org_id uuid NOT NULL REFERENCES organizations(id),
      ticket_number integer NOT NULL,
      linked_number integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('related', 'parent', 'child')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number, linked_number),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number),
      FOREIGN KEY (org_id, linked_number) REFERENCES tickets(org_id, number),
      CHECK (ticket_number <> linked_number)
    );
    CREATE INDEX ticket_links_linked_idx ON ticket_links (org_id, linked_number);

    CREATE TABLE ticket_ccs (
      org_id uuid NOT NULL REFERENCES organizations(id),
      ticket_number integer NOT NULL,
      contact_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number, contact_id),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number),
      FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id)
    );
  `);
  await enableTenantIsolation(knex, ['ticket_links', 'ticket_ccs']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS ticket_ccs, ticket_links;
    ALTER TABLE tickets DROP COLUMN IF EXISTS merged_into;
  `);
}
