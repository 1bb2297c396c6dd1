import type { Knex } from 'knex';

/**
 * A member can be deactivated rather than removed: their name stays on the tickets, replies
 * and audit lines they wrote, but they can no longer sign in to the organization, be assigned
 * work or be chosen for a team. Reactivating gives the same membership back.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE memberships ADD COLUMN deactivated_at timestamptz;
    ALTER TABLE memberships ADD COLUMN deactivated_by uuid REFERENCES users(id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE memberships DROP COLUMN deactivated_by, DROP COLUMN deactivated_at');
}
