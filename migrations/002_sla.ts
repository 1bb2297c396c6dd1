import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/** Business calendars, SLA policies, and the read model of SLA clocks. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE calendars (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      time_zone text NOT NULL,
      week jsonb NOT NULL,
      holidays jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, name)
    );

    CREATE TABLE sla_policies (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      position integer NOT NULL,
      conditions jsonb NOT NULL DEFAULT '{}',
      targets jsonb NOT NULL,
      hours text NOT NULL CHECK (hours IN ('business', 'calendar')),
      calendar_id uuid,
      pause_statuses text[] NOT NULL,
      warn_at numeric NOT NULL CHECK (warn_at > 0 AND warn_at < 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, calendar_id) REFERENCES calendars(org_id, id)
    );

    -- Written by SLA clock workflows' activities; the API computes live remaining time from
    -- the stored clock, and lists filter on due_at.
    CREATE TABLE sla_clocks (
      org_id uuid NOT NULL,
      ticket_number integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('first_response', 'next_response', 'resolution')),
      cycle integer NOT NULL,
      policy_id uuid,
      state text NOT NULL CHECK (state IN ('running', 'paused', 'met', 'cancelled')),
      clock jsonb NOT NULL,
      started_at timestamptz NOT NULL,
      due_at timestamptz,
      breached_at timestamptz,
      version integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number, kind, cycle),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );
    CREATE INDEX sla_clocks_due_idx ON sla_clocks (org_id, state, due_at);
    CREATE INDEX sla_clocks_started_idx ON sla_clocks (org_id, started_at);
  `);
  await enableTenantIsolation(knex, ['calendars', 'sla_policies', 'sla_clocks']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS sla_clocks, sla_policies, calendars');
}
