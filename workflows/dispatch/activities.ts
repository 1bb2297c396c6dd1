import { proxyActivities } from '@temporalio/workflow';
import type { DispatchCommitActivities } from '../../activities/dispatch-commit';
import type { DispatchOptimizerActivities } from '../../activities/dispatch-optimizer';
import type { DispatchRecordActivities } from '../../activities/dispatch-records';
import { REFUSAL_TYPES } from '../retry-policies';

/** The plan's short record and review activities: cheap, retried for a while, refusals not retried. */
export const { gatherDispatchSnapshot, recordDispatchPlan, evaluateDispatchEdits } = proxyActivities<DispatchRecordActivities & DispatchOptimizerActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 20, nonRetryableErrorTypes: REFUSAL_TYPES },
});

/** Committing writes every work order's schedule: long, heartbeating. */
export const { commitDispatchSchedule } = proxyActivities<DispatchCommitActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 20, nonRetryableErrorTypes: REFUSAL_TYPES },
});

/**
 * The optimizer, with a budget per run and cancellation that waits for the search to stop
 * (urgent work cancels a run). `taskQueue` is the optimizer's own queue when the plan has it.
 */
export function optimizerFor(timeLimitSeconds: number, taskQueue: string | undefined) {
  return proxyActivities<DispatchOptimizerActivities>({
    startToCloseTimeout: `${timeLimitSeconds + 60} seconds`,
    heartbeatTimeout: '10 seconds',
    retry: { initialInterval: '1 second', maximumAttempts: 3, nonRetryableErrorTypes: REFUSAL_TYPES },
    cancellationType: 'WAIT_CANCELLATION_COMPLETED',
    ...(taskQueue && { taskQueue }),
  }).optimizeDispatch;
}
