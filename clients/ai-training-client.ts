import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { TrainingOutcome } from '../domain/ai/index';
import { aiTrainingWorkflow } from '../workflows/ai-training';
import { EntityType, OrgId } from '../workflows/search-attributes';

export type { TrainingOutcome };

/** Every night at 03:00 UTC: quiet hours for most orgs, and a day's new solved tickets learnt. */
const NIGHTLY = { calendars: [{ hour: 3, minute: 0 }] };

export interface AiTrainingClient {
  /** Retrains the org's models now and waits for the outcome; concurrent calls share one run. */
  retrainNow(orgId: string): Promise<TrainingOutcome[]>;
  /** Makes sure the org's nightly retraining Schedule exists. */
  ensureSchedule(orgId: string): Promise<void>;
  /** When the Schedule runs next, or null when the org has none yet. */
  nextScheduledRun(orgId: string): Promise<string | null>;
}

/** The only code that knows the training workflow's ids and its Schedule's. */
export function aiTrainingClient(deps: { temporal: Client; taskQueue: string }): AiTrainingClient {
  const scheduleIdOf = (orgId: string) => `${orgId}/ai-training`;
  const attributes = (orgId: string) => [{ key: OrgId, value: orgId }, { key: EntityType, value: 'ai_training' }];

  return {
    async retrainNow(orgId) {
      return deps.temporal.workflow.execute(aiTrainingWorkflow, {
        workflowId: `${orgId}/ai-training/now`,
        taskQueue: deps.taskQueue,
        args: [{ orgId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: attributes(orgId),
      });
    },

    async ensureSchedule(orgId) {
      try {
        await deps.temporal.schedule.create({
          scheduleId: scheduleIdOf(orgId),
          spec: NIGHTLY,
          action: {
            type: 'startWorkflow', workflowType: aiTrainingWorkflow, workflowId: `${scheduleIdOf(orgId)}/scheduled`,
            taskQueue: deps.taskQueue, args: [{ orgId }], typedSearchAttributes: attributes(orgId),
          },
          state: { note: 'Nightly retraining of the org’s AI triage models' },
          typedSearchAttributes: attributes(orgId),
        });
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      }
    },

    async nextScheduledRun(orgId) {
      try {
        const description = await deps.temporal.schedule.getHandle(scheduleIdOf(orgId)).describe();
        return description.info.nextActionTimes[0]?.toISOString() ?? null;
      } catch (error) {
        if (error instanceof ScheduleNotFoundError) return null;
        throw error;
      }
    },
  };
}
