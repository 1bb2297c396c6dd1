import { proxyActivities } from '@temporalio/workflow';
import type { TrainingActivities } from '../activities/ai/train-org-models';
import type { TrainingOutcome } from '../domain/ai/org-model';

// Training reads the org's history and fits several recipes: minutes at most for a large org.
const { trainOrgModels } = proxyActivities<TrainingActivities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 3 },
});

/** One retraining of an org's triage models: started on demand (the API) or by its Schedule. */
export async function aiTrainingWorkflow(input: { orgId: string }): Promise<TrainingOutcome[]> {
  return trainOrgModels({ orgId: input.orgId });
}
