import type { Knex } from 'knex';

/** Which event table an entity's timeline lives in (fixed by the caller, never user input). */
export interface TimelineSource {
  table: 'ticket_events' | 'work_order_events';
  numberColumn: 'ticket_number' | 'work_order_number';
}

export interface TimelineRow { seq: number; part: number; type: string; actor_id: string | null; actor_name: string | null; data: Record<string, unknown>; created_at: Date }

/**
 * An entity's events, oldest first, keyed by (seq, part), after the given key, with the
 * actor's name: the same shape for tickets and work orders, whose events are both written one
 * row per fact per change. One row more than asked shows there are more.
 */
export async function listTimelineRows(
  trx: Knex.Transaction,
  source: TimelineSource,
  orgId: string,
  number: number,
  page: { after: { seq: number; part: number } | null; limit: number },
): Promise<TimelineRow[]> {
  const builder = trx(`${source.table} as e`)
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .where({ 'e.org_id': orgId, [`e.${source.numberColumn}`]: number })
    .select('e.seq', 'e.part', 'e.type', 'e.actor_id', 'u.name as actor_name', 'e.data', 'e.created_at');
  if (page.after) builder.whereRaw('(e.seq, e.part) > (?, ?)', [page.after.seq, page.after.part]);
  return builder.orderBy([{ column: 'e.seq' }, { column: 'e.part' }]).limit(page.limit + 1);
}
