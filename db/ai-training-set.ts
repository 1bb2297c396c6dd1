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
  const rows = await trx.raw<{ rows: { subject: string; description: string; label: string }[] }>(`
    SELECT t.subject, t.description, COALESCE(l.label, ${LABEL_COLUMN[task]}) AS label
    FROM tickets t
    LEFT JOIN ai_labels l ON l.org_id = t.org_id AND l.ticket_number = t.number AND l.task = ?
    WHERE t.org_id = ? AND t.status IN ('solved', 'closed') AND COALESCE(l.label, ${LABEL_COLUMN[task]}) <> ''
    ORDER BY t.updated_at DESC, t.number DESC
    LIMIT ?`, [task, orgId, MAX_EXAMPLES]);
  // Oldest first, so the same history always trains the same model.
  return rows.rows.reverse().map((row) => ({ text: triageTextOf(row), label: row.label }));
}
