// The workflow of test/clients/aborted-update-retry.test.ts, bundled by that test alone.
import { condition, defineSignal, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { createPingActivities } from './aborted-update-activities';

/** Answers with the reason it was given. */
export const close = defineUpdate<string, [string]>('close');
export const ping = defineSignal('ping');

const { pingMe } = proxyLocalActivities<ReturnType<typeof createPingActivities>>({ startToCloseTimeout: '10 seconds' });

/**
 * Closes on its `close` Update, in the Update's own workflow task, as a ticket does. The first
 * time, the Update's local activity signals the workflow before the task completes: the
 * server refuses a task that completes the workflow while an event it has not seen is waiting
 * (`UnhandledCommand`), as it refused a ticket's closing task when its SLA clock's completion
 * arrived meanwhile, and aborts the Update it carried.
 */
export async function closingWorkflow(): Promise<void> {
  let pinged = false;
  let closed = false;
  setHandler(ping, () => { pinged = true; });
  setHandler(close, async (reason) => {
    if (!pinged) await pingMe();
    closed = true;
    return reason;
  });
  await condition(() => closed);
}
