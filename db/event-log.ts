import type { Knex } from 'knex';
import type { LoggedEvent, NewEvent } from '../domain/realtime/event';

/** The channel the log's NOTIFY goes out on; its payload is only `{orgId}:{seq}` (the batch's last). */
export const EVENT_CHANNEL = 'keel_events';

/**
 * Appends events to the org's log in the caller's transaction, in one statement: it takes the
 * next numbers from the org's counter row (locking it until the transaction ends, which keeps
 * the org's events committing in `seq` order: see migrations/013_events.ts), inserts the rows
 * and queues a NOTIFY that Postgres delivers only if the transaction commits. Call it last in a
 * write: the counter row stays locked from here to the commit.
 */
export async function appendEvents(trx: Knex.Transaction, orgId: string, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx.raw(
    `WITH batch AS (
       SELECT e.ord, e.value FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(value, ord)
     ), counter AS (
       INSERT INTO event_log_counters AS c (org_id, last_seq) VALUES (?, ?)
       ON CONFLICT (org_id) DO UPDATE SET last_seq = c.last_seq + EXCLUDED.last_seq
       RETURNING last_seq
     ), written AS (
       INSERT INTO event_log (org_id, seq, type, topic, at, data)
       SELECT ?, counter.last_seq - ? + batch.ord, batch.value->>'type', batch.value->>'topic',
              (batch.value->>'at')::timestamptz, batch.value->'data'
       FROM counter, batch
       RETURNING seq
     )
     SELECT pg_notify(?, ? || ':' || max(seq)) FROM written`,
    [JSON.stringify(events), orgId, events.length, orgId, events.length, EVENT_CHANNEL, orgId],
  );
}

interface EventRow {
  seq: number;
  type: string;
  topic: string;
  at: Date;
  data: Record<string, unknown>;
}

/** The org's events after `after`, oldest first; `topic` narrows them (null: all). */
export async function readEvents(
  trx: Knex.Transaction,
  orgId: string,
  after: number,
  limit: number,
  topic: ((builder: Knex.QueryBuilder) => void) | null = null,
): Promise<LoggedEvent[]> {
  const builder = trx('event_log').where('org_id', orgId).andWhere('seq', '>', after).orderBy('seq').limit(limit);
  if (topic) builder.andWhere(topic);
  const rows: EventRow[] = await builder.select('seq', 'type', 'topic', 'at', 'data');
  return rows.map((row) => ({ seq: row.seq, type: row.type, topic: row.topic, at: row.at.toISOString(), data: row.data }));
}

/** The org's newest `seq` (0 before its first event). */
export async function latestSeq(trx: Knex.Transaction, orgId: string): Promise<number> {
  const row = await trx('event_log_counters').where('org_id', orgId).first<{ last_seq: number } | undefined>('last_seq');
  return row?.last_seq ?? 0;
}
