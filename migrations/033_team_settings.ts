import type { Knex } from 'knex';

/**
 * Team settings (issue 16's admin items): a description, the business calendar whose working
 * hours are the team's, and deletion. A deleted team keeps its row (`deleted_at`) so the closed
 * tickets and the reports that name it still read its name; it leaves every listing, can no
 * longer be assigned work, and its name is free again. Names are unique per org among the
 * teams that are not deleted, whatever their case.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE teams ADD COLUMN description text NOT NULL DEFAULT '' CHECK (length(description) <= 500);
    ALTER TABLE teams ADD COLUMN calendar_id uuid;
    ALTER TABLE teams ADD FOREIGN KEY (org_id, calendar_id) REFERENCES calendars(org_id, id);
    ALTER TABLE teams ADD COLUMN deleted_at timestamptz;
    ALTER TABLE teams ADD COLUMN deleted_by uuid REFERENCES users(id);
    ALTER TABLE teams DROP CONSTRAINT teams_org_id_name_key;
    CREATE UNIQUE INDEX teams_name_idx ON teams (org_id, lower(name)) WHERE deleted_at IS NULL;
    CREATE INDEX teams_calendar_idx ON teams (org_id, calendar_id) WHERE calendar_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX teams_calendar_idx;
    DROP INDEX teams_name_idx;
    ALTER TABLE teams ADD CONSTRAINT teams_org_id_name_key UNIQUE (org_id, name);
    ALTER TABLE teams DROP COLUMN deleted_by, DROP COLUMN deleted_at, DROP COLUMN calendar_id, DROP COLUMN description;
  `);
}
