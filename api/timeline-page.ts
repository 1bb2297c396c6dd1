import type { Knex } from 'knex';
import { z } from 'zod';
import { decodeCursor, encodeCursor, pgInteger } from './schemas/common';

const TimelineCursor = z.object({ s: pgInteger(), p: pgInteger() });

/** Which event table an entity's timeline lives in (fixed by the caller, never user input). */
export interface TimelineSource {
  table: 'ticket_events' | 'work_order_events';
  numberColumn: 'ticket_number' | 'work_order_number';
}

/**
 * One page of an entity's timeline, oldest first, keyed by (seq, part): the same shape for
 * tickets and work orders, whose events are both written one row per fact per change.
 */
export async function listEventTimeline(
  trx: Knex.Transaction,
  source: TimelineSource,
  orgId: string,
  number: number,
  page: { limit: number; cursor?: string | undefined },
) {
  const builder = trx(`${source.table} as e`)
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .where({ 'e.org_id': orgId, [`e.${source.numberColumn}`]: number })
    .select('e.seq', 'e.part', 'e.type', 'e.actor_id', 'u.name as actor_name', 'e.data', 'e.created_at');
  const after = decodeCursor(page.cursor, TimelineCursor);
  if (after) builder.whereRaw('(e.seq, e.part) > (?, ?)', [after.s, after.p]);
  const rows: { seq: number; part: number; type: string; actor_id: string | null; actor_name: string | null; data: Record<string, unknown>; created_at: Date }[] =
    await builder.orderBy([{ column: 'e.seq' }, { column: 'e.part' }]).limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map((row) => ({
      id: `${number}-${row.seq}-${row.part}`,
      type: row.type,
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? 'Unknown' } : null,
      data: row.data,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ s: last.seq, p: last.part }) : null,
  };
}
