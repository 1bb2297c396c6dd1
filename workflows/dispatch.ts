import { condition, patched, workflowInfo } from '@temporalio/workflow';
import { dayOrigin, nextDay } from '../domain/dispatch/index';
import { taskQueueFor } from './task-queues';
import type { DispatchView, DispatchWorkflowInput } from './dispatch-messages';
import { commitApproval } from './dispatch/commit';
import { awaitDecision } from './dispatch/decision';
import { installDispatchHandlers } from './dispatch/handlers';
import { planProposal } from './dispatch/planning';
import { recordPlanEvent } from './dispatch/record';
import { initialPlanState, urgentPending } from './dispatch/state';

export type { DispatchWorkflowInput } from './dispatch-messages';

/**
 * One planning horizon (a date and a region): gather the day's work orders and technicians,
 * run the optimizer (a heartbeating, cancellable activity), propose, and wait for the
 * dispatcher to approve (with edits, re-checked), reject (re-plan), or for the timeout's
 * policy. An approved plan is committed to each work order's workflow. Urgent work arriving
 * later in the day produces an incremental re-plan that keeps started and locked jobs.
 *
 * The steps live in `dispatch/`: handlers (the dispatcher's Updates), planning, decision,
 * commit; `state.ts` is what they share.
 */
export async function dispatchWorkflow(input: DispatchWorkflowInput): Promise<DispatchView> {
  // Plans started before this ran the search on their own (core) queue, next to ticket workflows.
  const optimizerQueue = patched('optimizer-queue') ? taskQueueFor(workflowInfo().taskQueue, 'optimizer') : undefined;
  const state = initialPlanState(input, workflowInfo().workflowId);
  const { view } = state;
  installDispatchHandlers(state);

  for (;;) {
    await planProposal(state, optimizerQueue);
    await recordPlanEvent(state, view.trigger === 'urgent' ? 'urgent_replan' : 'proposed', { changes: view.changes.filter((c) => c.kind !== 'unchanged').length });

    const decision = await awaitDecision(state);
    if (decision === 'reject') {
      state.rejected = false;
      view.trigger = 'rejected';
      await recordPlanEvent(state, 'rejected', { reason: state.rejectReason });
      continue;
    }
    if (decision === 'urgent') {
      view.trigger = 'urgent';
      continue;
    }

    await commitApproval(state);
    // The plan stands until the day is over, or urgent work asks for a re-plan.
    const untilDayEnds = Math.max(0, dayOrigin(nextDay(input.date)) - Date.now());
    if (!(await condition(() => urgentPending(state), untilDayEnds))) break;
    view.trigger = 'urgent';
  }
  return view;
}
