import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * The Idempotency-Keys of commands (a reply, a status change, a work-order transition) and a
 * hash of the request each came with, so the same key with another body is refused instead of
 * answered with the first request's result and dropped. The key is scoped to its target (one
 * ticket or work order) and the command, as the workflow Update id it becomes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE command_requests (
      org_id uuid NOT NULL REFERENCES organizations(id),
      -- what the command acts on and which command it is, e.g. ticket/42/reply
      target text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, target, key)
    );
  `);
  await enableTenantIsolation(knex, ['command_requests']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS command_requests');
}
