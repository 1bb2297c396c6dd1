import { listEventTimeline } from '../timeline-page';
import type { Knex } from 'knex';
import {
  QUEUE_SORTS, countTicketRowsByStatus, findTicketRow, listTicketRows, openClocksOf, queuePosition, ticketClocks, type TicketRow,
} from '../../db/ticket-read-model';
import { z } from 'zod';
import { viewClock, type Clock, type ClockView } from '../../domain/sla/clock';
import { TICKET_STATUSES, type TicketStatus } from '../../domain/ticket/index';
import { keysetPage } from '../keyset-page';
import { Problem } from '../problem';
import { attachmentView, attachmentsByIds } from '../../db/ticket-attachments';
import { RecordNumber, Timestamp, decodeCursor } from '../schemas/common';
import type { ListTicketsQuery, TicketView } from '../schemas/tickets';
import type { RecordedTicket } from '../../domain/ticket/recorded-ticket';

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
    version: row.version ?? 0,
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
  // Answers recorded before the version was read carry none: read the ticket instead.
  if (description === null || recorded.version === undefined) return null;
  const view = toView({ ...row, description, created_at: new Date(row.created_at), updated_at: new Date(row.updated_at) });
  return { ...view, sla: mostPressing(clocks, now) };
}

/** Adds each ticket's most pressing open SLA clock: one query for the whole page. */
async function withSla(trx: Knex.Transaction, orgId: string, tickets: TicketView[], now = Date.now()): Promise<TicketView[]> {
  if (tickets.length === 0) return tickets;
  const rows = await openClocksOf(trx, orgId, tickets.map((ticket) => ticket.number));
  const pressing = new Map<number, ClockView>();
  for (const row of rows) {
    const view = viewClock(row.clock, now);
    const current = pressing.get(row.ticket_number);
    if (!current || view.remainingSeconds < current.remainingSeconds) pressing.set(row.ticket_number, view);
  }
  return tickets.map((ticket) => ({ ...ticket, sla: pressing.get(ticket.number) ?? null }));
}

export async function getTicket(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketView | null> {
  const row = await findTicketRow(trx, orgId, number);
  if (!row) return null;
  const [view] = await withSla(trx, orgId, [toView(row)]);
  return view ?? null;
}

type Filters = Omit<ListTicketsQuery, 'limit' | 'cursor' | 'status' | 'sort'>;

/** A cursor names its sort, so a page of one order never continues another. */
const QueueCursor = z.object({ s: z.enum(QUEUE_SORTS), k: z.union([Timestamp, z.number().int()]), n: RecordNumber });

/** The queue in the asked order (most recently updated first by default), keyset-paginated on (key, number). */
export async function listTickets(trx: Knex.Transaction, orgId: string, query: ListTicketsQuery) {
  const cursor = decodeCursor(query.cursor, QueueCursor);
  if (cursor && cursor.s !== query.sort) throw new Problem(400, 'validation', 'The request is not valid', { errors: [{ pointer: '/cursor', message: 'This cursor is for another sort.' }] });
  const rows = await listTicketRows(trx, orgId, query, { sort: query.sort, after: cursor && { key: cursor.k, number: cursor.n }, limit: query.limit });
  const { data, nextCursor } = keysetPage(rows, query.limit, toView, (last) => {
    const position = queuePosition(last, query.sort);
    return { s: query.sort, k: position.key, n: position.number };
  });
  return { data: await withSla(trx, orgId, data), nextCursor };
}

export async function countTicketsByStatus(trx: Knex.Transaction, orgId: string, filters: Filters): Promise<Record<TicketStatus, number>> {
  const rows = await countTicketRowsByStatus(trx, orgId, filters);
  const counts = Object.fromEntries(TICKET_STATUSES.map((status) => [status, 0])) as Record<TicketStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** The ticket's history, oldest first. */
export async function listTimeline(trx: Knex.Transaction, orgId: string, number: number, page: { limit: number; cursor?: string | undefined }) {
  const timeline = await listEventTimeline(trx, { table: 'ticket_events', numberColumn: 'ticket_number' }, orgId, number, page);
  return { ...timeline, data: await withAttachments(trx, orgId, number, timeline.data) };
}

/** Replies and notes show the files sent with them (their id, name, type and size) instead of bare ids. */
async function withAttachments<E extends { type: string; data: Record<string, unknown> }>(trx: Knex.Transaction, orgId: string, number: number, entries: E[]): Promise<E[]> {
  const idsOf = (entry: E): string[] => (entry.type === 'replied' && Array.isArray(entry.data.attachmentIds) ? entry.data.attachmentIds as string[] : []);
  const ids = entries.flatMap(idsOf);
  if (ids.length === 0) return entries;
  const files = new Map((await attachmentsByIds(trx, orgId, number, ids)).map((row) => [row.id, attachmentView(row)]));
  return entries.map((entry) => {
    const sent = idsOf(entry);
    if (sent.length === 0) return entry;
    const { attachmentIds: _ids, ...data } = entry.data;
    return { ...entry, data: { ...data, attachments: sent.flatMap((id) => files.get(id) ?? []) } };
  });
}

/** The ticket's SLA clocks as they stand now: remaining time is computed on their calendars. */
export async function listSlaClocks(trx: Knex.Transaction, orgId: string, number: number, now = Date.now()): Promise<ClockView[]> {
  return (await ticketClocks(trx, orgId, number)).map((clock) => viewClock(clock, now));
}
