import { listEventTimeline } from '../timeline-page';
import type { Knex } from 'knex';
import { z } from 'zod';
import { viewClock, type Clock, type ClockView } from '../../domain/sla/clock';
import { TICKET_STATUSES, type TicketStatus } from '../../domain/ticket/index';
import { RecordNumber, Timestamp, decodeCursor, encodeCursor } from '../schemas/common';
import type { ListTicketsQuery, TicketView } from '../schemas/tickets';
import type { RecordedTicket } from '../../domain/ticket/recorded-ticket';

/** The row as the list and detail queries select it: the recorded ticket's columns, with times as dates. */
interface TicketRow extends Omit<RecordedTicket, 'description' | 'clocks' | 'created_at' | 'updated_at'> {
  description: string;
  created_at: Date;
  updated_at: Date;
}

function baseQuery(trx: Knex.Transaction, orgId: string) {
  return trx('tickets as t')
    .join('contacts as c', function () {
      this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id');
    })
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .where('t.org_id', orgId)
    .select(
      't.number', 't.subject', 't.description', 't.status', 't.priority', 't.channel', 't.tags', 't.assignee_id',
      'a.name as assignee_name', 't.team_id', 't.requester_id', 'c.email as requester_email', 'c.name as requester_name',
      't.fields', 't.created_at', 't.updated_at',
    );
}

function toView(row: TicketRow): TicketView {
  return {
    number: row.number,
    subject: row.subject,
    description: row.description,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    tags: row.tags,
    assigneeId: row.assignee_id,
    assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
    teamId: row.team_id,
    requester: { id: row.requester_id, email: row.requester_email, name: row.requester_name },
    fields: row.fields,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    sla: null,
  };
}

/** The most pressing of a ticket's open clocks: closest to (or furthest past) its deadline. */
function mostPressing(clocks: readonly Clock[], now: number): ClockView | null {
  let pressing: ClockView | null = null;
  for (const clock of clocks) {
    const view = viewClock(clock, now);
    if (!pressing || view.remainingSeconds < pressing.remainingSeconds) pressing = view;
  }
  return pressing;
}

/**
 * The view of a ticket as its own write read it back (the command's Update answers with it),
 * the same as `getTicket` would have answered; null when the row left its description out.
 */
export function viewOfRecorded(recorded: RecordedTicket, now = Date.now()): TicketView | null {
  const { clocks, description, ...row } = recorded;
  if (description === null) return null;
  const view = toView({ ...row, description, created_at: new Date(row.created_at), updated_at: new Date(row.updated_at) });
  return { ...view, sla: mostPressing(clocks, now) };
}

/** Adds each ticket's most pressing open SLA clock: one query for the whole page. */
async function withSla(trx: Knex.Transaction, orgId: string, tickets: TicketView[], now = Date.now()): Promise<TicketView[]> {
  if (tickets.length === 0) return tickets;
  const rows: { ticket_number: number; clock: Clock }[] = await trx('sla_clocks')
    .where({ org_id: orgId })
    .whereIn('ticket_number', tickets.map((ticket) => ticket.number))
    .whereIn('state', ['running', 'paused'])
    .select('ticket_number', 'clock');
  const pressing = new Map<number, ClockView>();
  for (const row of rows) {
    const view = viewClock(row.clock, now);
    const current = pressing.get(row.ticket_number);
    if (!current || view.remainingSeconds < current.remainingSeconds) pressing.set(row.ticket_number, view);
  }
  return tickets.map((ticket) => ({ ...ticket, sla: pressing.get(ticket.number) ?? null }));
}

export async function getTicket(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketView | null> {
  const row = await baseQuery(trx, orgId).where('t.number', number).first<TicketRow | undefined>();
  if (!row) return null;
  const [view] = await withSla(trx, orgId, [toView(row)]);
  return view ?? null;
}

type Filters = Omit<ListTicketsQuery, 'limit' | 'cursor' | 'status'>;

function applyFilters(query: Knex.QueryBuilder, filters: Filters): Knex.QueryBuilder {
  if (filters.assigneeId === 'none') query.whereNull('t.assignee_id');
  else if (filters.assigneeId) query.where('t.assignee_id', filters.assigneeId);
  if (filters.priority) query.where('t.priority', filters.priority);
  if (filters.tag) query.whereRaw('t.tags @> ARRAY[?]::text[]', [filters.tag.toLowerCase()]);
  if (filters.q) query.whereRaw(`t.search @@ websearch_to_tsquery('simple', ?)`, [filters.q]);
  if (filters.sla === 'breached') {
    query.whereExists((sub) => sub.select(sub.client.raw('1')).from('sla_clocks as c')
      .whereRaw('c.org_id = t.org_id AND c.ticket_number = t.number')
      .whereIn('c.state', ['running', 'paused'])
      .whereRaw('(c.breached_at IS NOT NULL OR c.due_at <= now())'));
  } else if (filters.sla) {
    const { dueWithinSeconds } = filters.sla;
    query.whereExists((sub) => sub.select(sub.client.raw('1')).from('sla_clocks as c')
      .whereRaw('c.org_id = t.org_id AND c.ticket_number = t.number')
      .where('c.state', 'running')
      .whereNull('c.breached_at')
      .whereRaw(`c.due_at > now() AND c.due_at <= now() + make_interval(secs => ?)`, [dueWithinSeconds]));
  }
  return query;
}

const QueueCursor = z.object({ u: Timestamp, n: RecordNumber });

/** The queue: most recently updated first, keyset-paginated on (updated_at, number). */
export async function listTickets(trx: Knex.Transaction, orgId: string, query: ListTicketsQuery) {
  const builder = applyFilters(baseQuery(trx, orgId), query);
  if (query.status) builder.whereIn('t.status', query.status);
  const after = decodeCursor(query.cursor, QueueCursor);
  if (after) builder.whereRaw('(t.updated_at, t.number) < (?::timestamptz, ?)', [after.u, after.n]);
  const rows: TicketRow[] = await builder.orderBy([{ column: 't.updated_at', order: 'desc' }, { column: 't.number', order: 'desc' }]).limit(query.limit + 1);
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ u: last.updated_at.toISOString(), n: last.number }) : null;
  return { data: await withSla(trx, orgId, pageRows.map(toView)), nextCursor };
}

export async function countTicketsByStatus(trx: Knex.Transaction, orgId: string, filters: Filters): Promise<Record<TicketStatus, number>> {
  const rows: { status: TicketStatus; count: number }[] = await applyFilters(
    trx('tickets as t').where('t.org_id', orgId),
    filters,
  ).groupBy('t.status').select('t.status').count({ count: '*' });
  const counts = Object.fromEntries(TICKET_STATUSES.map((status) => [status, 0])) as Record<TicketStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** The ticket's history, oldest first. */
export function listTimeline(trx: Knex.Transaction, orgId: string, number: number, page: { limit: number; cursor?: string | undefined }) {
  return listEventTimeline(trx, { table: 'ticket_events', numberColumn: 'ticket_number' }, orgId, number, page);
}

/** The ticket's SLA clocks as they stand now: remaining time is computed on their calendars. */
export async function listSlaClocks(trx: Knex.Transaction, orgId: string, number: number, now = Date.now()): Promise<ClockView[]> {
  const rows: { clock: Clock }[] = await trx('sla_clocks').where({ org_id: orgId, ticket_number: number }).orderBy(['kind', 'cycle']).select('clock');
  return rows.map((row) => viewClock(row.clock, now));
}
