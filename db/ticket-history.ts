import type { Knex } from 'knex';
import type { TicketEvent, TicketState } from '../domain/ticket/index';

/** A ticket's recorded history as rule dry runs replay it: its current state and its events in order. */
export interface TicketEventRow {
  seq: number;
  type: TicketEvent['type'];
  data: TicketEvent['data'];
  actor_id: string | null;
  created_at: Date;
}

/** The ticket row as workflow state (what `decide` and the rule facts start from). */
export async function ticketStateOf(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketState | null> {
  const row = await trx('tickets').where({ org_id: orgId, number }).first();
  if (!row) return null;
  return {
    orgId, number, subject: row.subject, status: row.status, priority: row.priority, channel: row.channel, tags: row.tags,
    assigneeId: row.assignee_id, teamId: row.team_id, fields: row.fields, version: row.version,
  };
}

/** Every event of the ticket, oldest first (in seq, then part, order). */
export async function ticketEventRows(trx: Knex.Transaction, orgId: string, number: number): Promise<TicketEventRow[]> {
  return trx('ticket_events').where({ org_id: orgId, ticket_number: number }).orderBy(['seq', 'part']).select('seq', 'type', 'data', 'actor_id', 'created_at');
}

/** The numbers of the org's most recently opened tickets, newest first. */
export async function recentTicketNumbers(trx: Knex.Transaction, orgId: string, limit: number): Promise<number[]> {
  return trx('tickets').where({ org_id: orgId }).orderBy('created_at', 'desc').limit(limit).pluck('number');
}
