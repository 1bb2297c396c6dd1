import type { Knex } from 'knex';
import type { RecordedTicket } from '../domain/ticket/recorded-ticket';
import { tenantJoin } from './tenant-join';

export type { RecordedTicket };

/**
 * The result travels in the workflow's history (the local activity's marker, the Update's
 * answer) with every change: a long description is left out rather than copied each time.
 */
export const DESCRIPTION_LIMIT = 4_000;

/** One statement: the row, its requester and assignee, and its open clocks. */
export async function readRecordedTicket(trx: Knex.Transaction, orgId: string, number: number): Promise<RecordedTicket | null> {
  const row = await trx('tickets as t')
    .join('contacts as c', tenantJoin(['c.id', 't.requester_id']))
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .where({ 't.org_id': orgId, 't.number': number })
    .first<(Omit<RecordedTicket, 'created_at' | 'updated_at' | 'description'> & { created_at: Date; updated_at: Date; description: string }) | undefined>(
      't.number', 't.subject', 't.description', 't.status', 't.priority', 't.channel', 't.tags', 't.assignee_id',
      'a.name as assignee_name', 't.team_id', 't.requester_id', 'c.email as requester_email', 'c.name as requester_name',
      't.fields', 't.created_at', 't.updated_at', 't.version',
      trx.raw(`COALESCE((SELECT json_agg(s.clock) FROM sla_clocks s WHERE s.org_id = t.org_id AND s.ticket_number = t.number
        AND s.state IN ('running', 'paused')), '[]'::json) AS clocks`),
    );
  if (!row) return null;
  return {
    ...row,
    description: row.description.length > DESCRIPTION_LIMIT ? null : row.description,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
