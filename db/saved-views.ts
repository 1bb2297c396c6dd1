import type { Knex } from 'knex';
import { SavedView } from './models';

/** Saved queue filters, private to the member who saved them. */
export async function listSavedViews(trx: Knex.Transaction, orgId: string, userId: string) {
  return SavedView.query(trx).where({ org_id: orgId, user_id: userId }).orderBy('name').select('id', 'name', 'filters');
}

export async function insertSavedView(trx: Knex.Transaction, orgId: string, userId: string, view: { id: string; name: string; filters: object }): Promise<void> {
  await SavedView.query(trx).insert({ org_id: orgId, user_id: userId, id: view.id, name: view.name, filters: view.filters });
}

/** False when the member has no such view. */
export async function deleteSavedView(trx: Knex.Transaction, orgId: string, userId: string, id: string): Promise<boolean> {
  return (await SavedView.query(trx).where({ org_id: orgId, user_id: userId, id }).delete()) > 0;
}
