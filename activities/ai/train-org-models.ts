import type { Db } from '../../db/connection';
import { insertModel } from '../../db/ai-models';
import { trainingExamples } from '../../db/ai-training-set';
import { withTenant } from '../../db/tenant';
import { ORG_TASKS, historyVerdict, trainOrgModel, type TrainingOutcome } from '../../domain/ai/index';

/**
 * Retrains every task of one org from its own solved tickets (read under its row-level
 * security) and stores each new model as the next version with its held-out metrics; a task
 * without enough history keeps whatever model it had. Training runs outside any transaction:
 * it takes seconds, a transaction would hold a connection for all of them.
 */
export function createTrainingActivities(db: Db) {
  return {
    async trainOrgModels({ orgId }: { orgId: string }): Promise<TrainingOutcome[]> {
      const outcomes: TrainingOutcome[] = [];
      for (const task of ORG_TASKS) {
        const examples = await withTenant(db, { orgId }, (trx) => trainingExamples(trx, orgId, task));
        const history = historyVerdict(examples.map((e) => e.label));
        const trained = trainOrgModel(examples);
        const version = trained ? await withTenant(db, { orgId }, (trx) => insertModel(trx, orgId, task, trained.classifier.toJSON(), trained.metrics)) : null;
        outcomes.push({ task, version, history });
      }
      return outcomes;
    },
  };
}

export type TrainingActivities = ReturnType<typeof createTrainingActivities>;
