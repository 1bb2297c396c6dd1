import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * The agent's desk (issue 16): macros. A macro is a named reply template (the rule
 * templates' `{{placeholder}}` syntax) with ticket actions; `owner_id` null makes it the
 * org's, set makes it that member's own. Applying one counts its use.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE macros (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      owner_id uuid REFERENCES users(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      reply_body text NOT NULL DEFAULT '',
      reply_visibility text NOT NULL DEFAULT 'public' CHECK (reply_visibility IN ('public','internal')),
      actions jsonb NOT NULL DEFAULT '[]',
      usage_count integer NOT NULL DEFAULT 0,
      last_used_at timestamptz,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    -- One name per scope: the org's macros, and each member's own.
    CREATE UNIQUE INDEX macros_name_idx ON macros (org_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
  `);
  await enableTenantIsolation(knex, ['macros']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS macros');
}
