import type { Knex } from 'knex';

/** Organisations: their row, the unique slug a new one claims, and the ones a login belongs to. */

export interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
}

/** Inserts the organisation with this slug; false when another organisation has the slug. */
export async function insertOrganizationWithSlug(trx: Knex.Transaction, org: OrganizationRow): Promise<boolean> {
  const inserted = await trx('organizations').insert(org).onConflict('slug').ignore().returning('id');
  return inserted.length > 0;
}

export async function findOrganization(trx: Knex.Transaction, orgId: string): Promise<OrganizationRow | undefined> {
  return trx('organizations').where({ id: orgId }).first<OrganizationRow | undefined>('id', 'name', 'slug');
}

/** The organisations the user is a member of, by name (run `asUser`: the org is not known yet). */
export async function organizationsOfUser(trx: Knex.Transaction, userId: string): Promise<OrganizationRow[]> {
  return trx('memberships as m').join('organizations as o', 'o.id', 'm.org_id').where('m.user_id', userId).whereNull('m.deactivated_at')
    .orderBy('o.name').select<OrganizationRow[]>('o.id', 'o.name', 'o.slug');
}
