/**
 * The routing search, in a thread of its own (see `dispatch-optimizer.ts`): it runs in slices
 * and posts its progress after each one, so the activity can heartbeat, and the thread is
 * terminated when the workflow cancels the run. The event loop that runs ticket workflows
 * never executes a slice of it.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { proposalFromPlan, toRoutingProblem, warmStart } from '../domain/dispatch/index';
import { createSearch, planOf } from '../domain/routing/index';
import type { OptimizeDispatchInput } from './dispatch-optimizer';

/** How long the search runs between progress reports (and so heartbeats). */
const SLICE_MS = 200;

export type OptimizerThreadMessage =
  | { kind: 'progress'; progress: { iteration: number; elapsedMs: number; bestFoundMs: number; threadId: number } }
  | { kind: 'done'; proposal: ReturnType<typeof proposalFromPlan> };

const { snapshot, locks, current, timeLimitMs, seed } = workerData as OptimizeDispatchInput;
const post = (message: OptimizerThreadMessage) => parentPort?.postMessage(message);
const built = toRoutingProblem(snapshot, { locks });
const search = createSearch(built.problem, { seed, timeLimitMs, ...(current && { initialRoutes: warmStart(current) }) });
for (;;) {
  const done = search.run(SLICE_MS);
  const progress = search.progress();
  post({ kind: 'progress', progress: { iteration: progress.iteration, elapsedMs: Math.round(progress.elapsedMs), bestFoundMs: Math.round(progress.bestFoundMs), threadId } });
  if (done) break;
}
post({ kind: 'done', proposal: proposalFromPlan(snapshot, built, planOf(search), locks) });
