import type { Knex } from 'knex';
import type { AiFacts, Triage, TriageTask } from '../domain/ai/index';
import { AiLabel, Ticket, TicketTriage } from './models';

export interface StoredTriage {
  predictions: Triage;
  facts: AiFacts;
  triagedAt: Date;
  corrections: { task: TriageTask; label: string; predicted: string | null; actorId: string | null; at: Date }[];
}

/** The text triage reads, or null when the ticket has no row. */
export async function ticketText(trx: Knex.Transaction, orgId: string, number: number): Promise<{ subject: string; description: string } | null> {
  const row = await Ticket.query(trx).where({ org_id: orgId, number }).first().select('subject', 'description');
  return row ? { subject: row.subject, description: row.description } : null;
}

/** Stores a ticket's triage; a retried activity overwrites its own earlier answer. */
export async function saveTriage(trx: Knex.Transaction, orgId: string, number: number, predictions: Triage, facts: AiFacts): Promise<void> {
  await trx('ticket_triage')
    .insert({ org_id: orgId, ticket_number: number, predictions: JSON.stringify(predictions), facts: JSON.stringify(facts), triaged_at: new Date() })
    .onConflict(['org_id', 'ticket_number']).merge();
}

export async function readTriage(trx: Knex.Transaction, orgId: string, number: number): Promise<StoredTriage | null> {
  const row = await TicketTriage.query(trx).where({ org_id: orgId, ticket_number: number }).first();
  if (!row) return null;
  const labels = await AiLabel.query(trx).where({ org_id: orgId, ticket_number: number }).orderBy('task');
  return {
    predictions: row.predictions as Triage,
    facts: row.facts as AiFacts,
    triagedAt: row.triaged_at,
    corrections: labels.map((label) => ({ task: label.task, label: label.label, predicted: label.predicted, actorId: label.actor_id, at: label.created_at })),
  };
}

/** An agent's correction: the ticket's true label for the task, replacing an earlier one. */
export async function saveLabel(trx: Knex.Transaction, orgId: string, label: { number: number; task: TriageTask; label: string; predicted: string | null; actorId: string }): Promise<void> {
  await trx('ai_labels')
    .insert({ org_id: orgId, ticket_number: label.number, task: label.task, label: label.label, predicted: label.predicted, actor_id: label.actorId, created_at: new Date() })
    .onConflict(['org_id', 'ticket_number', 'task']).merge();
}
