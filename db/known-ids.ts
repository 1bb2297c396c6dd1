import type { Knex } from 'knex';

/** Tables whose rows a request may name by id (never user input: the caller picks one). */
export type ReferencedTable = 'teams' | 'companies' | 'calendars' | 'assets';

/** Of the given ids, those the org has a row for in the table. */
export async function knownIds(trx: Knex.Transaction, table: ReferencedTable, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const query = trx(table).where({ org_id: orgId }).whereIn('id', ids);
  // A deleted team keeps its row for the history that names it, but is no team to refer to.
  if (table === 'teams') query.whereNull('deleted_at');
  return new Set(await query.pluck('id'));
}
