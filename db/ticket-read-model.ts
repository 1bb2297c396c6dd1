import type { Knex } from 'knex';
import type { Clock } from '../domain/sla/clock';
import type { RecordedTicket } from '../domain/ticket/recorded-ticket';
import { TICKET_PRIORITIES, type TicketPriority, type TicketStatus } from '../domain/ticket/index';
import { tenantJoin } from './tenant-join';

/**
 * The ticket read model: the rows the ticket workflow records, read back for the queue and
 * the ticket page with the requester's and the assignee's names, and the SLA clocks beside them.
 */
export interface TicketRow extends Omit<RecordedTicket, 'description' | 'clocks' | 'created_at' | 'updated_at'> {
  description: string;
  created_at: Date;
  updated_at: Date;
}

/** The queue's filters (every one optional). */
export interface TicketFilters {
  /** `'none'`: unassigned only. */
  assigneeId?: string | undefined;
  priority?: TicketPriority | undefined;
  tag?: string | undefined;
  /** Full-text search. */
  q?: string | undefined;
  sla?: 'breached' | { dueWithinSeconds: number } | undefined;
  /** A custom field's value as text: equal to it, or for a list (a multi-select) including it. */
  field?: { key: string; value: string } | undefined;
}

function tickets(trx: Knex.Transaction, orgId: string) {
  return trx('tickets as t')
    .join('contacts as c', tenantJoin(['c.id', 't.requester_id']))
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .where('t.org_id', orgId)
    .select(
      't.number', 't.subject', 't.description', 't.status', 't.priority', 't.channel', 't.tags', 't.assignee_id',
      'a.name as assignee_name', 't.team_id', 't.requester_id', 'c.email as requester_email', 'c.name as requester_name',
      't.fields', 't.created_at', 't.updated_at', 't.version',
    );
}

function filtered(query: Knex.QueryBuilder, filters: TicketFilters): Knex.QueryBuilder {
  if (filters.assigneeId === 'none') query.whereNull('t.assignee_id');
  else if (filters.assigneeId) query.where('t.assignee_id', filters.assigneeId);
  if (filters.priority) query.where('t.priority', filters.priority);
  if (filters.tag) query.whereRaw('t.tags @> ARRAY[?]::text[]', [filters.tag.toLowerCase()]);
  if (filters.q) query.whereRaw(`t.search @@ websearch_to_tsquery('simple', ?)`, [filters.q]);
  if (filters.field) {
    const { key, value } = filters.field;
    query.whereRaw(`((t.fields ->> ?) = ? OR (jsonb_typeof(t.fields -> ?) = 'array' AND jsonb_exists(t.fields -> ?, ?)))`, [key, value, key, key, value]);
  }
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

export async function findTicketRow(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketRow | undefined> {
  return tickets(trx, orgId).where('t.number', number).first<TicketRow | undefined>();
}

/** The ticket's status; undefined when there is no such ticket. */
export async function ticketStatus(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketStatus | undefined> {
  return (await trx('tickets').where({ org_id: orgId, number }).first<{ status: TicketStatus } | undefined>('status'))?.status;
}

/** The ticket's subject; undefined when there is no such ticket. */
export async function ticketSubject(trx: Knex.Transaction, orgId: string, number: number): Promise<string | undefined> {
  return (await trx('tickets').where({ org_id: orgId, number }).first<{ subject: string } | undefined>('subject'))?.subject;
}

/** The queue's orders: a key, descending when prefixed with `-`; ties go by number the same way. */
export const QUEUE_SORTS = ['-updated', 'updated', '-created', 'created', '-priority', 'priority', '-number', 'number'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
type SortKey = 'updated' | 'created' | 'priority' | 'number';

/** Each key as SQL, with the cast its cursor value needs (priority ranks low = 1 … urgent = 4). */
const SORT_SQL: Record<SortKey, { expression: string; cast: string }> = {
  updated: { expression: 't.updated_at', cast: 'timestamptz' },
  created: { expression: 't.created_at', cast: 'timestamptz' },
  priority: { expression: `array_position(ARRAY[${TICKET_PRIORITIES.map((p) => `'${p}'`).join(',')}]::text[], t.priority)`, cast: 'int' },
  number: { expression: 't.number', cast: 'int' },
};

/** Where a row stands in a sort: the value of its key, and its number. */
export interface QueuePosition { key: string | number; number: number }

export function queuePosition(row: TicketRow, sort: QueueSort): QueuePosition {
  const key = sort.replace('-', '') as SortKey;
  const value = key === 'updated' ? row.updated_at.toISOString()
    : key === 'created' ? row.created_at.toISOString()
    : key === 'priority' ? TICKET_PRIORITIES.indexOf(row.priority) + 1
    : row.number;
  return { key: value, number: row.number };
}

/**
 * The queue in the given order (most recently updated first by default), keyset-paginated on
 * (key, number) after the given position. One row more than asked shows there are more.
 */
export async function listTicketRows(
  trx: Knex.Transaction,
  orgId: string,
  filters: TicketFilters & { status?: readonly TicketStatus[] | undefined },
  page: { sort: QueueSort; after: QueuePosition | null; limit: number },
): Promise<TicketRow[]> {
  const descending = page.sort.startsWith('-');
  const { expression, cast } = SORT_SQL[page.sort.replace('-', '') as SortKey];
  const builder = filtered(tickets(trx, orgId), filters);
  if (filters.status) builder.whereIn('t.status', filters.status);
  if (page.after) builder.whereRaw(`(${expression}, t.number) ${descending ? '<' : '>'} (?::${cast}, ?)`, [page.after.key, page.after.number]);
  const order = descending ? 'DESC' : 'ASC';
  return builder.orderByRaw(`${expression} ${order}, t.number ${order}`).limit(page.limit + 1);
}

export async function countTicketRowsByStatus(trx: Knex.Transaction, orgId: string, filters: TicketFilters): Promise<{ status: TicketStatus; count: number | string }[]> {
  return filtered(trx('tickets as t').where('t.org_id', orgId), filters).groupBy('t.status').select('t.status').count({ count: '*' });
}

/** The running and paused SLA clocks of the given tickets. */
export async function openClocksOf(trx: Knex.Transaction, orgId: string, numbers: readonly number[]): Promise<{ ticket_number: number; clock: Clock }[]> {
  return trx('sla_clocks')
    .where({ org_id: orgId })
    .whereIn('ticket_number', numbers)
    .whereIn('state', ['running', 'paused'])
    .select('ticket_number', 'clock');
}

/** Every SLA clock of the ticket, by kind and cycle. */
export async function ticketClocks(trx: Knex.Transaction, orgId: string, number: number): Promise<Clock[]> {
  const rows: { clock: Clock }[] = await trx('sla_clocks').where({ org_id: orgId, ticket_number: number }).orderBy(['kind', 'cycle']).select('clock');
  return rows.map((row) => row.clock);
}
