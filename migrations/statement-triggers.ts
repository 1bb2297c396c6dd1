/** A row-changing statement a statement-level trigger runs after. */
export type StatementKind = 'insert' | 'update' | 'delete';

/**
 * An AFTER … FOR EACH STATEMENT trigger on `table` calling `fn()`, with the transition
 * tables that statement kind has: `new_rows` (insert, update) and `old_rows` (update, delete).
 */
export function statementTrigger(name: string, kind: StatementKind, table: string, fn: string): string {
  const tables = kind === 'update' ? 'NEW TABLE AS new_rows OLD TABLE AS old_rows' : kind === 'insert' ? 'NEW TABLE AS new_rows' : 'OLD TABLE AS old_rows';
  return `CREATE TRIGGER ${name} AFTER ${kind.toUpperCase()} ON ${table}
      REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;
}
