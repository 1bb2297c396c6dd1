import { encodeCursor } from './schemas/common';

/**
 * One page of a keyset query that read `limit + 1` rows: the extra row only tells that a next
 * page exists, and the cursor is the sort key of the page's last row (opaque to clients).
 */
export function keysetPage<R, V>(rows: readonly R[], limit: number, view: (row: R) => V, keyOf: (last: R) => unknown): { data: V[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { data: pageRows.map((row) => view(row)), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
