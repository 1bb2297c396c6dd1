import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Dispatch: when a customer can be visited (the windows the optimizer plans within), and
 * the read model of dispatch workflows (each plan's status, its latest proposal, escalations).
 * Plans are written only by the dispatch workflow's activities.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE work_order_time_windows (
      org_id uuid NOT NULL REFERENCES organizations(id),
      work_order_number integer NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      PRIMARY KEY (org_id, work_order_number, starts_at),
      FOREIGN KEY (org_id, work_order_number) REFERENCES work_orders(org_id, number) ON DELETE CASCADE
    );

    CREATE TABLE dispatch_plans (
      org_id uuid NOT NULL REFERENCES organizations(id),
      -- the workflow id: {orgId}/dispatch/{date}/{region}
      id text NOT NULL,
      date date NOT NULL,
      region text NOT NULL,
      status text NOT NULL,
      proposal_version integer NOT NULL DEFAULT 0,
      proposal jsonb,
      approved_by uuid,
      approved_at timestamptz,
      escalated_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX dispatch_plans_date_idx ON dispatch_plans (org_id, date);

    CREATE TABLE dispatch_plan_events (
      org_id uuid NOT NULL,
      plan_id text NOT NULL,
      key text NOT NULL,
      type text NOT NULL CHECK (type IN ('proposed', 'approved', 'committed', 'rejected', 'escalated', 'auto_approved', 'urgent_replan')),
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, plan_id, key),
      FOREIGN KEY (org_id, plan_id) REFERENCES dispatch_plans(org_id, id) ON DELETE CASCADE
    );
  `);
  await enableTenantIsolation(knex, ['work_order_time_windows', 'dispatch_plans', 'dispatch_plan_events']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS dispatch_plan_events, dispatch_plans, work_order_time_windows');
}
