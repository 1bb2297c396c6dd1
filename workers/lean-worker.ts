import { fileURLToPath } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';
import { Worker } from '@temporalio/worker';
import type { WorkflowCreator } from '@temporalio/worker/lib/workflow/interface.js';
import { ThreadedVMWorkflowCreator, WorkerThreadClient } from '@temporalio/worker/lib/workflow/threaded-vm.js';

type CreatorArgs = Parameters<typeof Worker['createWorkflowCreator']>;

const LEAN_THREAD_ENTRY = fileURLToPath(new URL('./lean-workflow-thread.cjs', import.meta.url));

/**
 * A Temporal worker whose workflow threads skip two per-activation costs of SDK 1.24 that Keel
 * does not use (measured in bench/README.md, "lean workflow threads"):
 *
 * - the deadlock watchdog: the SDK passes a 5 s `timeout` on every call into the workflow
 *   context, and Node starts and joins a watchdog thread for each call, several per
 *   activation. Without it a workflow stuck in a synchronous loop blocks its thread instead
 *   of failing its task after 5 s: Keel's workflows are its own reviewed code, and user
 *   input (rules, templates) runs in activities, never in workflow code;
 * - the promise hook that records every workflow promise's stack for the `__stack_trace`
 *   query (workers/lean-workflow-thread.cjs).
 *
 * `KEEL_WORKFLOW_THREADS=sdk` makes `workerClassFor` give back the SDK's own worker (deadlock
 * detection and stack traces, for debugging a stuck workflow). Debug mode and replay keep the
 * SDK's path. test/workers/lean-worker.test.ts fails if either change stops applying to a new SDK.
 */
export class LeanWorker extends Worker {
  protected static override async createWorkflowCreator(...args: CreatorArgs): Promise<WorkflowCreator> {
    const [, compiled] = args;
    if (compiled.debugMode || compiled.patchActivationCallback) return super.createWorkflowCreator(...args);
    return createLeanThreads(...args);
  }
}

/** Which workflow threads a worker runs: Keel's lean ones, or the SDK's own (`KEEL_WORKFLOW_THREADS`). */
export type WorkflowThreads = 'lean' | 'sdk';

/** The worker class to `create` for the chosen threads. */
export function workerClassFor(threads: WorkflowThreads = 'lean'): typeof Worker {
  return threads === 'sdk' ? Worker : LeanWorker;
}

/** The SDK's `ThreadedVMWorkflowCreator.create`, with Keel's thread entry and no execution timeout. */
async function createLeanThreads(...[workflowBundle, compiled, logger]: CreatorArgs): Promise<WorkflowCreator> {
  const clients = Array.from({ length: compiled.workflowThreadPoolSize }, () => new WorkerThreadClient(new NodeWorker(LEAN_THREAD_ENTRY), logger));
  await Promise.all(clients.map((client) => client.send({
    type: 'init',
    workflowBundle,
    // Undefined, not a number: Node's vm starts no watchdog thread for the call.
    isolateExecutionTimeoutMs: undefined as unknown as number,
    reuseV8Context: compiled.reuseV8Context ?? true,
    registeredActivityNames: new Set(compiled.activities.keys()),
    hasPatchActivationCallback: false,
  })));
  return new ThreadedVMWorkflowCreator(clients);
}
