import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

const KINDS_BEFORE = "'rule', 'assigned', 'mentioned', 'customer_replied', 'sla_warning'";
const KINDS_AFTER = `${KINDS_BEFORE}, 'followed'`;

/**
 * Followers: members who work tickets and want to hear of a ticket's changes (replies, notes,
 * customer replies, status and assignment) as `followed` notifications.
 *
 * `tickets.follower_count` is kept in step with the ticket's `ticket_followers` rows by the
 * writes that change them (db/ticket-followers.ts, in their own transaction). It exists for the
 * command path: a change's `UPDATE tickets … RETURNING follower_count` answers it with no
 * statement of its own, so a ticket nobody follows costs its changes no read of followers
 * (issue 14's throughput budget); only a ticket with followers reads them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE tickets ADD COLUMN follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0);

    CREATE TABLE ticket_followers (
      org_id uuid NOT NULL REFERENCES organizations(id),
      ticket_number integer NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      added_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number, user_id),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );
    CREATE INDEX ticket_followers_user_idx ON ticket_followers (org_id, user_id);

    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
      ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS_AFTER}, 'dispatch'));
    ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check,
      ADD CONSTRAINT notification_preferences_kind_check CHECK (kind IN (${KINDS_AFTER}));
  `);
  await enableTenantIsolation(knex, ['ticket_followers']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM notification_preferences WHERE kind = 'followed';
    DELETE FROM notifications WHERE kind = 'followed';
    ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check,
      ADD CONSTRAINT notification_preferences_kind_check CHECK (kind IN (${KINDS_BEFORE}));
    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
      ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'dispatch'));
    DROP TABLE IF EXISTS ticket_followers;
    ALTER TABLE tickets DROP COLUMN IF EXISTS follower_count;
  `);
}
