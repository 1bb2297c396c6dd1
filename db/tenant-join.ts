import type { Knex } from 'knex';

/**
 * The ON of a join between two tenant tables: their rows pair by `columns` (each
 * `[alias.column, alias.column]`) and share `org_id`, so a composite reference can never reach
 * another tenant's row. `.join('contacts as c', tenantJoin(['c.id', 't.requester_id']))`.
 */
export function tenantJoin(first: [string, string], ...more: [string, string][]): Knex.JoinCallback {
  const alias = (column: string) => column.slice(0, column.indexOf('.'));
  return function () {
    let clause = this.on(`${alias(first[0])}.org_id`, `${alias(first[1])}.org_id`).andOn(...first);
    for (const pair of more) clause = clause.andOn(...pair);
  };
}
