import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Rejected mail: messages the email channel accepted but could not turn into a ticket (fetched
 * by IMAP and unparseable or without a sender, over a sender's hourly cap, refused by the
 * database). Kept whole, with the reason, until an admin retries them: accepted mail is never
 * dropped.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE email_rejected_mail (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      mailbox_id uuid NOT NULL,
      -- The Message-ID (or, for a message without a usable one, a hash of its bytes): the same
      -- message rejected again updates its row.
      message_key text NOT NULL,
      -- How it came: over SMTP (with its envelope sender, '' for the null sender) or fetched by IMAP.
      source text NOT NULL CHECK (source IN ('smtp','imap')),
      envelope_from text,
      from_address text,
      subject text NOT NULL DEFAULT '',
      raw bytea NOT NULL,
      size integer NOT NULL,
      reason text NOT NULL,
      -- Milliseconds, as JavaScript dates hold them, so a list cursor made from one is exact.
      received_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
      retried_at timestamptz,
      retries integer NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, mailbox_id, message_key),
      FOREIGN KEY (org_id, mailbox_id) REFERENCES mailboxes(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX email_rejected_mail_list_idx ON email_rejected_mail (org_id, mailbox_id, received_at DESC, id DESC);
  `);
  await enableTenantIsolation(knex, ['email_rejected_mail']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS email_rejected_mail');
}
