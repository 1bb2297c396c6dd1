import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CancelledFailure, Context } from '@temporalio/activity';
import { applyEdits, evaluateAssignment, proposalFromPlan, toRoutingProblem, warmStart, type Assignment, type DispatchEdit, type DispatchSnapshot, type Evaluation, type Proposal } from '../domain/dispatch/index';
import { createSearch, planOf } from '../domain/routing/index';

export interface OptimizeDispatchInput {
  snapshot: DispatchSnapshot;
  /** Work order number → technician it is locked to. */
  locks: Record<string, string>;
  /** The plan being re-planned (a warm start), when there is one. */
  current: Assignment | null;
  timeLimitMs: number;
  seed: number;
}

export interface EvaluateDispatchEditsInput {
  snapshot: DispatchSnapshot;
  assignment: Assignment;
  edits: DispatchEdit[];
  locks: Record<string, string>;
}

/** How long the search runs between heartbeats (and cancellation checks). */
const SLICE_MS = 200;

/**
 * The optimizer as activities: a search run in slices, heartbeating its progress and giving
 * up when the workflow cancels it; and the re-check of a dispatcher's edits.
 */
export function createDispatchOptimizerActivities() {
  return {
    async optimizeDispatch({ snapshot, locks, current, timeLimitMs, seed }: OptimizeDispatchInput): Promise<Proposal> {
      const context = Context.current();
      const built = toRoutingProblem(snapshot, { locks });
      const search = createSearch(built.problem, { seed, timeLimitMs, ...(current && { initialRoutes: warmStart(current) }) });
      for (;;) {
        const done = search.run(SLICE_MS);
        const progress = search.progress();
        context.heartbeat({ iteration: progress.iteration, elapsedMs: Math.round(progress.elapsedMs), bestFoundMs: Math.round(progress.bestFoundMs) });
        if (done) break;
        // Let the heartbeat go out and a cancellation come in.
        await yieldToEventLoop();
        if (context.cancellationSignal.aborted) throw new CancelledFailure('Optimization cancelled');
      }
      return proposalFromPlan(snapshot, built, planOf(search), locks);
    },

    async evaluateDispatchEdits({ snapshot, assignment, edits, locks }: EvaluateDispatchEditsInput): Promise<Evaluation & { locks: Record<string, string> }> {
      const applied = applyEdits(assignment, edits, locks);
      return { ...evaluateAssignment(snapshot, applied.assignment, applied.locks), locks: applied.locks };
    },
  };
}

export type DispatchOptimizerActivities = ReturnType<typeof createDispatchOptimizerActivities>;
