import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Automation rules. A rule's definition is versioned (every save is a new row of
 * `rule_versions`); its place in the order and whether it is on are not part of a version.
 * `rule_sets.version` moves with any change to an org's rules, so compiled engines are cached
 * per org and version. Firings pin the version that fired.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE rule_sets (
      org_id uuid PRIMARY KEY REFERENCES organizations(id),
      version integer NOT NULL DEFAULT 0
    );

    CREATE TABLE rules (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      position integer NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      current_version integer NOT NULL,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX rules_order_idx ON rules (org_id, position) WHERE deleted_at IS NULL;

    CREATE TABLE rule_versions (
      org_id uuid NOT NULL,
      rule_id uuid NOT NULL,
      version integer NOT NULL,
      definition jsonb NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, rule_id, version),
      FOREIGN KEY (org_id, rule_id) REFERENCES rules(org_id, id)
    );

    -- One row per rule that fired on one trigger of one ticket; the unique key makes a
    -- retried evaluation return the same firing instead of firing again.
    CREATE TABLE rule_firings (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      rule_id uuid NOT NULL,
      rule_version integer NOT NULL,
      ticket_number integer NOT NULL,
      trigger_key text NOT NULL,
      event_type text NOT NULL,
      chain_depth integer NOT NULL,
      matched jsonb NOT NULL,
      actions jsonb NOT NULL,
      outcome jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, ticket_number, trigger_key, rule_id),
      FOREIGN KEY (org_id, rule_id, rule_version) REFERENCES rule_versions(org_id, rule_id, version),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );
    CREATE INDEX rule_firings_rule_idx ON rule_firings (org_id, rule_id, created_at DESC);

    -- Who got the last ticket of a team under round-robin.
    CREATE TABLE assignment_cursors (
      org_id uuid NOT NULL,
      team_id uuid NOT NULL,
      last_user_id uuid,
      PRIMARY KEY (org_id, team_id),
      FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE
    );

    -- Agents' skills, for skills-based assignment.
    CREATE TABLE member_skills (
      org_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      skill citext NOT NULL,
      PRIMARY KEY (org_id, user_id, skill),
      FOREIGN KEY (org_id, user_id) REFERENCES memberships(org_id, user_id) ON DELETE CASCADE
    );

    CREATE TABLE notifications (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
      message text NOT NULL,
      ticket_number integer,
      firing_id uuid,
      delivery text NOT NULL DEFAULT 'stored' CHECK (delivery IN ('stored', 'sent', 'skipped')),
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, firing_id, user_id, channel)
    );
    CREATE INDEX notifications_user_idx ON notifications (org_id, user_id, created_at DESC);

    CREATE TABLE webhook_deliveries (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      firing_id uuid NOT NULL,
      url text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      response_status integer,
      error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
  `);
  // The rule-set version of an org, readable without a tenant transaction: every ticket change
  // asks for it, and an org without rules should cost one round trip, not a transaction.
  await knex.raw(`
    CREATE FUNCTION rule_set_version(p_org uuid) RETURNS integer
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT coalesce((SELECT version FROM rule_sets WHERE org_id = p_org), 0) $$;
  `);
  await enableTenantIsolation(knex, [
    'rule_sets', 'rules', 'rule_versions', 'rule_firings', 'assignment_cursors', 'member_skills', 'notifications', 'webhook_deliveries',
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION IF EXISTS rule_set_version(uuid)');
  await knex.raw('DROP TABLE IF EXISTS webhook_deliveries, notifications, member_skills, assignment_cursors, rule_firings, rule_versions, rules, rule_sets');
}
