import type { Knex } from 'knex';
import { triageTextOf, type Example, type OrgTask } from '../domain/ai/index';

/** Where each task's true label lives on a ticket, when no agent corrected it. */
const LABEL_COLUMN: Record<OrgTask, string> = {
  category: "t.fields->>'category'",
  priority: 't.priority',
  team: 't.team_id::text',
};

/** Training uses the most recent solved tickets, enough to learn from and quick to train on. */
const MAX_EXAMPLES = 3000;

/**
 * The org's labelled history for a task: its solved and closed tickets with the label an agent
 * corrected triage to, else the ticket's own value (its `category` field, priority, team).
 * Read under the org's row-level security, so no other org's ticket can enter its model.
 */
export async function trainingExamples(trx: Knex.Transaction, orgId: string, task: OrgTask): Promise<Example[]> {
  const rows = await labelledHistory<{ subject: string; description: string; label: string }>(trx, orgId, task, 't.subject, t.description');
  // Oldest first, so the same history always trains the same model.
  return rows.reverse().map((row) => ({ text: triageTextOf(row), label: row.label }));
}

/** Only the labels of the same history: what the "not enough history" verdict counts. */
export async function trainingLabels(trx: Knex.Transaction, orgId: string, task: OrgTask): Promise<string[]> {
  return (await labelledHistory<{ label: string }>(trx, orgId, task, '1')).map((row) => row.label);
}

async function labelledHistory<Row extends { label: string }>(trx: Knex.Transaction, orgId: string, task: OrgTask, columns: string): Promise<Row[]> {
  const label = `COALESCE(l.label, ${LABEL_COLUMN[task]})`;
  const result = await trx.raw<{ rows: Row[] }>(`
    SELECT ${columns}, ${label} AS label
    FROM tickets t
    LEFT JOIN ai_labels l ON l.org_id = t.org_id AND l.ticket_number = t.number AND l.task = ?
    WHERE t.org_id = ? AND t.status IN ('solved', 'closed') AND ${label} <> ''
    ORDER BY t.updated_at DESC, t.number DESC
    LIMIT ?`, [task, orgId, MAX_EXAMPLES]);
  return result.rows;
}
