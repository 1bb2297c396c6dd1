import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Files agents attach to their replies and notes. An upload is stored at once (its bytes in
 * the attachment store email uses, under `storage_key`) and belongs to one ticket; the reply
 * or note that sends it links it by the change's sequence number (`reply_seq`), once: an
 * upload no reply took stays unlinked and is never shown or mailed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE ticket_attachments (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      ticket_number integer NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL CHECK (size >= 0),
      storage_key text NOT NULL,
      uploaded_by uuid NOT NULL,
      reply_seq integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );
    CREATE INDEX ticket_attachments_reply_idx ON ticket_attachments (org_id, ticket_number, reply_seq);
  `);
  await enableTenantIsolation(knex, ['ticket_attachments']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS ticket_attachments');
}
