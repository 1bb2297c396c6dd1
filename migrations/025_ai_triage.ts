import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * AI triage (issue 19): each org's own models, one row per task and version with the metrics
 * measured on held-out tickets when it was trained (the current model is the highest version,
 * the previous one is kept so the accuracy panel can compare); one triage row per ticket (the
 * predictions of every task, with their confidence and top terms, and the `ai.*` facts rules
 * read); and the labels agents correct predictions to, which training prefers over the
 * ticket's own value. All three are tenant tables: an org's model is read and written under
 * its own `app.org_id` only.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE ai_models (
      org_id uuid NOT NULL REFERENCES organizations(id),
      task text NOT NULL CHECK (task IN ('category', 'priority', 'team')),
      version integer NOT NULL CHECK (version > 0),
      labels text[] NOT NULL,
      -- The classifier as TextClassifier.toJSON() (vocabulary, IDF, weights, temperature).
      model jsonb NOT NULL,
      -- { accuracy, macroF1, coverage, threshold, nTrain, nTest } on the held-out split.
      metrics jsonb NOT NULL,
      trained_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, task, version)
    );

    CREATE TABLE ticket_triage (
      org_id uuid NOT NULL,
      ticket_number integer NOT NULL,
      -- Per task: { label, confidence, abstained, why, modelVersion }.
      predictions jsonb NOT NULL,
      -- The ai.* rule facts: { category, priority, team, sentiment, language, confidence }.
      facts jsonb NOT NULL,
      triaged_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );

    CREATE TABLE ai_labels (
      org_id uuid NOT NULL,
      ticket_number integer NOT NULL,
      task text NOT NULL CHECK (task IN ('category', 'priority', 'team', 'sentiment', 'language')),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      -- What triage had said, for the record of how often agents disagree.
      predicted text,
      actor_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number, task),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number)
    );
  `);
  await enableTenantIsolation(knex, ['ai_models', 'ticket_triage', 'ai_labels']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS ai_labels, ticket_triage, ai_models');
}
