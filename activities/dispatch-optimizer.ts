import { Worker } from 'node:worker_threads';
import { CancelledFailure, Context } from '@temporalio/activity';
import { applyEdits, evaluateAssignment, type Assignment, type DispatchEdit, type DispatchSnapshot, type Evaluation, type Proposal } from '../domain/dispatch/index';
import type { OptimizerThreadMessage } from './optimizer-thread';

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

const OPTIMIZER_THREAD = new URL('./optimizer-thread.ts', import.meta.url).href;
// The thread loads the TypeScript module through tsx, as this process does, whatever started
// the parent (tsx, vitest): Node 20 ignores `--import` in a worker's execArgv.
const THREAD_BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(OPTIMIZER_THREAD)}, ${JSON.stringify(OPTIMIZER_THREAD)}))`;

/**
 * The optimizer as activities: a search run in a worker thread (it is CPU-bound for seconds,
 * and must never hold the event loop that ticket workflows and their activities share, even
 * in a single-process `npm start`), heartbeating its progress and terminated when the workflow
 * cancels it; and the re-check of a dispatcher's edits, which is quick and stays inline.
 */
export function createDispatchOptimizerActivities() {
  return {
    async optimizeDispatch(input: OptimizeDispatchInput): Promise<Proposal> {
      const context = Context.current();
      const thread = new Worker(THREAD_BOOT, { eval: true, workerData: input });
      try {
        return await new Promise<Proposal>((resolve, reject) => {
          thread.on('message', (message: OptimizerThreadMessage) => {
            if (message.kind === 'progress') context.heartbeat(message.progress);
            else resolve(message.proposal);
          });
          thread.once('error', reject);
          thread.once('exit', (code) => reject(new Error(`the optimizer thread exited (${code}) without a plan`)));
          const cancelled = () => reject(new CancelledFailure('Optimization cancelled'));
          if (context.cancellationSignal.aborted) cancelled();
          context.cancellationSignal.addEventListener('abort', cancelled, { once: true });
        });
      } finally {
        await thread.terminate();
      }
    },

    async evaluateDispatchEdits({ snapshot, assignment, edits, locks }: EvaluateDispatchEditsInput): Promise<Evaluation & { locks: Record<string, string> }> {
      const applied = applyEdits(assignment, edits, locks);
      return { ...evaluateAssignment(snapshot, applied.assignment, applied.locks), locks: applied.locks };
    },
  };
}

export type DispatchOptimizerActivities = ReturnType<typeof createDispatchOptimizerActivities>;
