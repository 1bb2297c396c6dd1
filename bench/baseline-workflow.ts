import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const ping = defineUpdate<number>('ping');

/**
 * The baseline for `bench:tickets`: the least a workflow-per-entity design can cost. An Update
 * answers at once (no activity, no database); the workflow ends after its second one.
 */
export async function baselineWorkflow(): Promise<void> {
  let pings = 0;
  setHandler(ping, () => ++pings);
  await condition(() => pings >= 2);
}
