import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * The email channel: mailboxes, every message that went in or out (the threading index and
 * the idempotency key of inbound mail), stored attachments, and the RFC 3834 memory of
 * automatic replies. Contacts learn whether their address bounces.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE mailboxes (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      -- Inbound mail is routed by this address across tenants, so it is unique globally.
      address citext NOT NULL UNIQUE,
      inbound_mode text NOT NULL CHECK (inbound_mode IN ('smtp','imap')),
      imap jsonb,
      imap_password_enc text,
      imap_uidvalidity bigint,
      imap_last_uid bigint NOT NULL DEFAULT 0,
      smtp jsonb,
      smtp_password_enc text,
      acknowledge boolean NOT NULL DEFAULT true,
      ack_subject text NOT NULL,
      ack_body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );

    -- One row per message seen or sent. (org_id, message_id) is the idempotency key of inbound
    -- mail and the index that threads a reply to its ticket.
    CREATE TABLE email_messages (
      org_id uuid NOT NULL REFERENCES organizations(id),
      message_id text NOT NULL,
      mailbox_id uuid,
      direction text NOT NULL CHECK (direction IN ('in','out')),
      -- in: pending | delivered | ignored | rate_limited; out: queued | sent | failed | suppressed
      status text NOT NULL,
      kind text NOT NULL DEFAULT 'message',
      ticket_number integer,
      opened_ticket boolean NOT NULL DEFAULT false,
      from_address citext,
      to_addresses text[] NOT NULL DEFAULT '{}',
      subject text NOT NULL DEFAULT '',
      text_body text NOT NULL DEFAULT '',
      quoted_text text NOT NULL DEFAULT '',
      html_body text,
      noise text,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, message_id),
      FOREIGN KEY (org_id, mailbox_id) REFERENCES mailboxes(org_id, id) ON DELETE SET NULL (mailbox_id)
    );
    CREATE INDEX email_messages_ticket_idx ON email_messages (org_id, ticket_number, created_at);
    CREATE INDEX email_messages_sender_idx ON email_messages (org_id, mailbox_id, from_address, created_at) WHERE direction = 'in';

    CREATE TABLE email_attachments (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      message_id text NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL,
      inline boolean NOT NULL DEFAULT false,
      -- null when the attachment was refused (too big, a blocked type): listed, not stored.
      storage_key text,
      refused text,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, message_id) REFERENCES email_messages(org_id, message_id) ON DELETE CASCADE
    );
    CREATE INDEX email_attachments_message_idx ON email_attachments (org_id, message_id);

    -- RFC 3834: at most one automatic reply per sender per mailbox in a period.
    CREATE TABLE email_auto_replies (
      org_id uuid NOT NULL REFERENCES organizations(id),
      mailbox_id uuid NOT NULL,
      sender citext NOT NULL,
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, mailbox_id, sender),
      FOREIGN KEY (org_id, mailbox_id) REFERENCES mailboxes(org_id, id) ON DELETE CASCADE
    );

    ALTER TABLE contacts ADD COLUMN bouncing_since timestamptz;
    ALTER TABLE contacts ADD COLUMN bounce_reason text;
  `);

  await enableTenantIsolation(knex, ['mailboxes', 'email_messages', 'email_attachments', 'email_auto_replies']);

  await knex.raw(`
    -- The SMTP listener knows only a recipient address, not a tenant: it may learn which
    -- mailbox (and org) owns an address, and nothing else.
    CREATE FUNCTION email_mailbox_for_address(p_address citext)
      RETURNS TABLE (org_id uuid, mailbox_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT org_id, id FROM mailboxes WHERE address = p_address AND inbound_mode = 'smtp' $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION IF EXISTS email_mailbox_for_address(citext);
    DROP TABLE IF EXISTS email_auto_replies, email_attachments, email_messages, mailboxes CASCADE;
    ALTER TABLE contacts DROP COLUMN IF EXISTS bouncing_since, DROP COLUMN IF EXISTS bounce_reason;
  `);
}
