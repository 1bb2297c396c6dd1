import { proxyLocalActivities, sleep } from '@temporalio/workflow';

export interface TimerActivities {
  timerFired(input: { deadline: number }): Promise<void>;
}

const { timerFired } = proxyLocalActivities<TimerActivities>({ startToCloseTimeout: '15 seconds' });

/**
 * The baseline for `bench:sla`: a bare durable timer to an absolute deadline, then one local
 * activity that notes when it ran — the same path an SLA clock takes from its deadline timer
 * to its write, without the clock's arithmetic, signals or database.
 */
export async function timerBaselineWorkflow(deadline: number): Promise<void> {
  await sleep(Math.max(1, deadline - Date.now()));
  await timerFired({ deadline });
}
