import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Reports saved from the console's builder: a metric query (the body of `POST /reports/query`),
 * how it is drawn, and whether the org sees it or only its author. `range_days` set: the
 * report covers the last that many days whenever it is opened (the saved from / to are then
 * only the example it was built on). `dashboard_position` set: the report is on the org's
 * custom dashboard, in that order.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE saved_reports (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      owner_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      query jsonb NOT NULL,
      chart text NOT NULL CHECK (chart IN ('line', 'bar', 'stacked', 'pie', 'table', 'number')),
      range_days integer CHECK (range_days BETWEEN 1 AND 3660),
      shared boolean NOT NULL DEFAULT false,
      dashboard_position integer CHECK (dashboard_position >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX saved_reports_dashboard_idx ON saved_reports (org_id, dashboard_position) WHERE dashboard_position IS NOT NULL;
  `);
  await enableTenantIsolation(knex, ['saved_reports']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS saved_reports');
}
