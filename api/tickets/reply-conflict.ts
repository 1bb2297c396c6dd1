import type { Knex } from 'knex';
import { listTimelineRows } from '../../db/event-timeline';
import { Problem } from '../problem';
import { timelineEntryOf } from '../timeline-page';

const MESSAGES = new Set(['replied', 'customer_replied']);
/** Enough to show what the agent missed; the timeline holds the rest. */
const SHOWN = 50;

/**
 * The 409 a stale reply gets (the ticket's workflow refused it: someone else wrote since
 * `basedOnVersion`): the ticket's version now, which a reply sent anyway is based on, and the
 * messages written since, as timeline entries, for the composer to show.
 */
export async function replyConflictProblem(trx: Knex.Transaction, orgId: string, number: number, basedOnVersion: number, currentVersion: number): Promise<Problem> {
  const rows = await listTimelineRows(trx, { table: 'ticket_events', numberColumn: 'ticket_number' }, orgId, number, {
    after: { seq: basedOnVersion + 1, part: -1 },
    limit: 500,
  });
  const changes = rows.filter((row) => row.seq <= currentVersion && MESSAGES.has(row.type)).slice(-SHOWN).map((row) => timelineEntryOf(number, row));
  return new Problem(409, 'reply-conflict', 'The ticket changed while you wrote', {
    detail: `Ticket #${number} has ${changes.length === 1 ? 'a new message' : 'new messages'} since you started: read ${changes.length === 1 ? 'it' : 'them'}, then send again.`,
    currentVersion,
    changes,
  });
}
