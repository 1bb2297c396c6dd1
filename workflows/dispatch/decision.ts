import { condition } from '@temporalio/workflow';
import { recordPlanEvent } from './record';
import { urgentPending, type DispatchPlanState } from './state';

export type Decision = 'approve' | 'reject' | 'urgent';

/**
 * Waits for the dispatcher, the timeout's policy, or urgent work (which re-plans first).
 * At the timeout a plan is approved automatically or escalated (then it waits without a
 * deadline); a review of edits in progress holds the timeout off.
 */
export async function awaitDecision(state: DispatchPlanState): Promise<Decision> {
  const { input, view } = state;
  const timeoutMs = input.approvalTimeoutSeconds * 1000;
  const decided = () => state.approval !== null || state.rejected || (urgentPending(state) && view.status === 'proposed');
  for (;;) {
    if (!view.escalated && !(await condition(decided, timeoutMs))) {
      if (view.status === 'reviewing') continue;
      if (input.timeoutPolicy === 'auto_approve') {
        state.approval = { proposal: view.proposal!, by: null, auto: true, version: view.version };
      } else {
        // The plan's row says so first: whoever sees `escalated` in the view can read it there.
        await recordPlanEvent(state, 'escalated', { afterSeconds: input.approvalTimeoutSeconds });
        view.escalated = true;
        continue;
      }
    }
    if (view.escalated) await condition(decided);
    return state.approval ? 'approve' : state.rejected ? 'reject' : 'urgent';
  }
}
