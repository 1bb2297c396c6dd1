import { log } from '@temporalio/activity';
import type { Knex } from 'knex';
import { currentModels, type StoredModel } from '../../db/ai-models';
import { saveTriage } from '../../db/ticket-triage';
import { aiFactsOf, triageText, triageTextOf, type AiFacts, type OrgModel, type OrgTask, type Triage } from '../../domain/ai/index';
import { TextClassifier } from '../../domain/ai/text-classifier';

/** What triage reads of a ticket. */
export interface TriageSubject {
  orgId: string;
  number: number;
  subject: string;
  description: string;
}

/**
 * Triage inside a caller's transaction: the shipped sentiment and language readings, and the
 * org's own models for the tasks it has one for; the predictions and the `ai.*` facts are
 * stored on the ticket. Models are read under the org's row-level security and cached per
 * process by version, so a triage costs one small read while the org's models are unchanged.
 * One triager per worker process, shared by the creation's write and the triage activity.
 */
export function createTicketTriager() {
  const classifiers = new Map<string, TextClassifier>();

  function orgModels(orgId: string, stored: readonly StoredModel[]): Partial<Record<OrgTask, OrgModel>> {
    const models: Partial<Record<OrgTask, OrgModel>> = {};
    for (const { task, version, model } of stored) {
      const key = `${orgId}:${task}:${version}`;
      let classifier = classifiers.get(key);
      if (!classifier) {
        if (!model) continue;
        for (const old of classifiers.keys()) if (old.startsWith(`${orgId}:${task}:`)) classifiers.delete(old);
        classifier = TextClassifier.fromJSON(model);
        classifiers.set(key, classifier);
      }
      models[task] = { version, classifier };
    }
    return models;
  }

  return {
    /**
     * Triages and stores; null, with nothing stored, when the predictions could not be made (a
     * stored model that does not load). Postgres errors are not caught: they fail the caller's
     * transaction, which its activity retries.
     */
    async triageIn(trx: Knex.Transaction, ticket: TriageSubject): Promise<AiFacts | null> {
      const { orgId, number } = ticket;
      const stored = await currentModels(trx, orgId, (task, version) => classifiers.has(`${orgId}:${task}:${version}`));
      let triage: Triage;
      try {
        triage = triageText(triageTextOf(ticket), orgModels(orgId, stored));
      } catch (error) {
        log.warn('triage failed', { orgId, number, error: error instanceof Error ? error.message : String(error) });
        return null;
      }
      const facts = aiFactsOf(triage);
      await saveTriage(trx, orgId, number, triage, facts);
      return facts;
    },
  };
}

export type TicketTriager = ReturnType<typeof createTicketTriager>;
