import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * The notification centre. `notifications` (005) held only what rules' `notify` actions stored;
 * now ticket writes produce notifications too (assigned to you, mentioned in an internal note,
 * the customer replied on your ticket, an SLA warning on your ticket; a technician's dispatched
 * route is `dispatch`), each with its `kind`
 * and a `source_key` naming the change that produced it: the unique key makes a retried or
 * replayed write produce nothing twice (rule notifications keep their firing key, and a null
 * source key never collides). Their email copies are `pending` until the worker's mailer sends
 * them (`skipped` when no SMTP relay is configured). `notification_preferences` holds only what a member switched
 * off or on again: no row is "on".
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE notifications
      ADD COLUMN kind text NOT NULL DEFAULT 'rule'
        CHECK (kind IN ('rule', 'assigned', 'mentioned', 'customer_replied', 'sla_warning', 'dispatch')),
      ADD COLUMN source_key text,
      ADD COLUMN actor_id uuid REFERENCES users(id),
      ADD CONSTRAINT notifications_source_unique UNIQUE (org_id, source_key, user_id, channel);
    CREATE INDEX notifications_unread_idx ON notifications (org_id, user_id, created_at DESC, id DESC)
      WHERE read_at IS NULL AND channel = 'in_app';
    -- Email copies waiting for the worker's mailer (workers/notification-mailer.ts).
    ALTER TABLE notifications DROP CONSTRAINT notifications_delivery_check,
      ADD CONSTRAINT notifications_delivery_check CHECK (delivery IN ('stored', 'sent', 'skipped', 'pending'));
    CREATE INDEX notifications_pending_mail_idx ON notifications (org_id, created_at) WHERE delivery = 'pending';

    CREATE TABLE notification_preferences (
      org_id uuid NOT NULL REFERENCES organizations(id),
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('rule', 'assigned', 'mentioned', 'customer_replied', 'sla_warning')),
      channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
      enabled boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, user_id, kind, channel)
    );
  `);
  await enableTenantIsolation(knex, ['notification_preferences']);
  // The orgs with email notifications waiting, readable without a tenant transaction: the
  // mailer's sweep asks once for all of them, then sends each org's inside its own.
  await knex.raw(`
    CREATE FUNCTION notification_mail_orgs() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT DISTINCT org_id FROM notifications WHERE delivery = 'pending' $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION IF EXISTS notification_mail_orgs();
    DROP TABLE IF EXISTS notification_preferences;
    DROP INDEX IF EXISTS notifications_unread_idx;
    DROP INDEX IF EXISTS notifications_pending_mail_idx;
    UPDATE notifications SET delivery = 'skipped' WHERE delivery = 'pending';
    ALTER TABLE notifications DROP CONSTRAINT notifications_delivery_check,
      ADD CONSTRAINT notifications_delivery_check CHECK (delivery IN ('stored', 'sent', 'skipped'));
    ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_source_unique,
      DROP COLUMN IF EXISTS actor_id, DROP COLUMN IF EXISTS source_key, DROP COLUMN IF EXISTS kind;
  `);
}
