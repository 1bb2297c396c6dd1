import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Reports mailed on a cadence: a saved report (`saved_report_id`) or a prebuilt dashboard
 * (`dashboard_id`), as a PDF or an XLSX file, to a list of addresses. Each row has one Temporal
 * Schedule, named after the org and the row (`{orgId}/report/{id}`), whose calendar is
 * `cadence` (`{every, at, weekday?, dayOfMonth?}`) in `time_zone`: the org has no zone setting,
 * so the schedule keeps its own. `paused` mirrors the schedule's state; `last_*` is the latest
 * run's outcome, written by the run's activity. Deleting a saved report deletes its schedules'
 * rows (the API deletes their Temporal Schedules first).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE report_schedules (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      saved_report_id uuid,
      dashboard_id text,
      format text NOT NULL CHECK (format IN ('pdf', 'xlsx')),
      recipients text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
      cadence jsonb NOT NULL,
      time_zone text NOT NULL,
      paused boolean NOT NULL DEFAULT false,
      created_by uuid NOT NULL REFERENCES users(id),
      last_run_at timestamptz,
      last_run_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, saved_report_id) REFERENCES saved_reports(org_id, id) ON DELETE CASCADE,
      CHECK ((saved_report_id IS NULL) <> (dashboard_id IS NULL))
    );
    CREATE INDEX report_schedules_saved_report_idx ON report_schedules (org_id, saved_report_id) WHERE saved_report_id IS NOT NULL;
  `);
  await enableTenantIsolation(knex, ['report_schedules']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS report_schedules');
}
