import type { Knex } from 'knex';
import { z } from 'zod';
import { listTimelineRows, type TimelineRow, type TimelineSource } from '../db/event-timeline';
import { keysetPage } from './keyset-page';
import { decodeCursor, pgInteger } from './schemas/common';

const TimelineCursor = z.object({ s: pgInteger(), p: pgInteger() });

/** One page of an entity's timeline, oldest first (see `db/event-timeline.ts`), as the API shows events. */
export async function listEventTimeline(
  trx: Knex.Transaction,
  source: TimelineSource,
  orgId: string,
  number: number,
  page: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(page.cursor, TimelineCursor);
  const rows = await listTimelineRows(trx, source, orgId, number, { after: after && { seq: after.s, part: after.p }, limit: page.limit });
  return keysetPage(rows, page.limit, (row) => timelineEntryOf(number, row), (last) => ({ s: last.seq, p: last.part }));
}

/** One timeline row as the API shows it. */
export function timelineEntryOf(number: number, row: TimelineRow) {
  return {
    id: `${number}-${row.seq}-${row.part}`,
    type: row.type,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? 'Unknown' } : null,
    data: row.data,
    createdAt: row.created_at.toISOString(),
  };
}
