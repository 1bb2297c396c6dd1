import type { Knex } from 'knex';

/** A ticket's or a work order's timeline: its table and the column that holds the record's number. */
export type Timeline =
  | { table: 'ticket_events'; numberColumn: 'ticket_number' }
  | { table: 'work_order_events'; numberColumn: 'work_order_number' };

export const TICKET_TIMELINE: Timeline = { table: 'ticket_events', numberColumn: 'ticket_number' };
export const WORK_ORDER_TIMELINE: Timeline = { table: 'work_order_events', numberColumn: 'work_order_number' };

/** One change of one record: the events it produced share its sequence number, in order. */
export interface TimelineEntry {
  orgId: string;
  number: number;
  seq: number;
  actorId: string | null;
  occurredAt: string;
}

/**
 * Appends a change's events to a timeline. The (record, seq, part) key makes a retried or
 * replayed write of the same change harmless: the rows already there are kept as they are.
 */
export async function insertTimelineEvents(
  trx: Knex.Transaction,
  timeline: Timeline,
  entry: TimelineEntry,
  events: readonly { type: string; data: unknown }[],
  /** The first part number (an SLA clock writes its entries from a range of its own). */
  firstPart = 0,
): Promise<void> {
  if (events.length === 0) return;
  await trx(timeline.table)
    .insert(
      events.map((event, part) => ({
        org_id: entry.orgId,
        [timeline.numberColumn]: entry.number,
        seq: entry.seq,
        part: firstPart + part,
        type: event.type,
        actor_id: entry.actorId,
        data: JSON.stringify(event.data),
        created_at: entry.occurredAt,
      })),
    )
    .onConflict(['org_id', timeline.numberColumn, 'seq', 'part'])
    .ignore();
}
