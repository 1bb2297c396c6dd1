import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * The event log: every change a live console shows (ticket changes and timeline entries, SLA
 * events, work orders, dispatch plans, technician positions, notifications), one row per event,
 * written in the same transaction as the change it reports.
 *
 * `seq` increases per org. It is handed out from the org's row in `event_log_counters`, which
 * the writing statement updates (and so locks) until its transaction ends: a second writer of
 * the same org waits for the first to commit or roll back before it takes the next number. The
 * events of one org therefore become visible in `seq` order, so a reader that has seen `seq` N
 * never later finds a committed event below N ("read everything after my cursor" loses nothing).
 * A global bigserial would not give that: a transaction holding a lower number may commit after
 * one holding a higher number. A rolled-back writer leaves a gap, never a reordering.
 * The price is that writers of one org serialise from their append to their commit, so the
 * append is the last statement of a write.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE event_log_counters (
      org_id uuid PRIMARY KEY REFERENCES organizations(id),
      last_seq bigint NOT NULL CHECK (last_seq >= 0)
    );

    CREATE TABLE event_log (
      org_id uuid NOT NULL REFERENCES organizations(id),
      seq bigint NOT NULL CHECK (seq > 0),
      type text NOT NULL,
      -- What a subscriber asks for: 'ticket:42', 'work-order:7', 'dispatch', 'notifications:{userId}'.
      topic text NOT NULL,
      at timestamptz NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      PRIMARY KEY (org_id, seq)
    );
    CREATE INDEX event_log_topic_idx ON event_log (org_id, topic, seq);
  `);
  await enableTenantIsolation(knex, ['event_log_counters', 'event_log']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS event_log, event_log_counters');
}
