import type { Knex } from 'knex';

/** Row-level security, enabled and forced, scoping each table to `app.org_id`. */
export async function enableTenantIsolation(knex: Knex, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await knex.raw(`
      ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON ${table}
        USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
    `);
  }
}
