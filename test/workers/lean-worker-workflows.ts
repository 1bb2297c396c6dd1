// Two workflows for test/workers/lean-worker.test.ts, bundled by that test alone.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

/** Runs one long synchronous stretch: longer than a 500 ms deadlock timeout on any machine we run. */
export async function spinningWorkflow(iterations: number): Promise<number> {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

export const release = defineSignal('release');

/** Waits for a signal: a workflow with a live promise for the stack-trace query to describe. */
export async function waitingWorkflow(): Promise<void> {
  let released = false;
  setHandler(release, () => { released = true; });
  await condition(() => released);
}
