import type { Db } from '../../db/connection';
import { currentModels, type StoredModel } from '../../db/ai-models';
import { withTenant } from '../../db/tenant';
import { saveTriage, ticketText } from '../../db/ticket-triage';
import { aiFactsOf, triageText, triageTextOf, type AiFacts, type OrgModel, type OrgTask } from '../../domain/ai/index';
import { TextClassifier } from '../../domain/ai/text-classifier';

export interface TriageTicketInput {
  orgId: string;
  number: number;
}

/** Null when the ticket has no row (nothing to triage). */
export type TriageTicketResult = { facts: AiFacts } | null;

/**
 * Triage of a new ticket, run once by its workflow after the creation answered: the shipped
 * sentiment and language readings, and the org's own models for the tasks it has one for.
 * The predictions and the `ai.*` facts are stored on the ticket; rules read the facts from
 * there. Models are read under the org's row-level security and cached per process by
 * version, so a triage costs one small read while the org's models are unchanged.
 */
export function createTriageActivities(db: Db) {
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
    async triageTicket({ orgId, number }: TriageTicketInput): Promise<TriageTicketResult> {
      return withTenant(db, { orgId }, async (trx) => {
        const ticket = await ticketText(trx, orgId, number);
        if (!ticket) return null;
        const stored = await currentModels(trx, orgId, (task, version) => classifiers.has(`${orgId}:${task}:${version}`));
        const triage = triageText(triageTextOf(ticket), orgModels(orgId, stored));
        const facts = aiFactsOf(triage);
        await saveTriage(trx, orgId, number, triage, facts);
        return { facts };
      });
    },
  };
}

export type TriageActivities = ReturnType<typeof createTriageActivities>;
