import { condition, getExternalWorkflowHandle, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { SlaActivities } from '../activities/sla-records';
import { applyClockCommand, nextDeadline, observe, viewClock, dueAt, type Clock } from '../domain/sla/clock';
import { slaMessages, type ClockCommand } from './sla-messages';

export interface SlaClockInput {
  orgId: string;
  ticketNumber: number;
  ticketWorkflowId: string;
  policyId: string;
  cycle: number;
  clock: Clock;
}

const { recordSlaClock } = proxyLocalActivities<SlaActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

/**
 * One SLA target of one ticket. Counts business time on its calendar, sleeps on a durable
 * timer until the warning share and then the deadline, tells the ticket when each is reached,
 * and keeps counting overdue time until the ticket meets or cancels it.
 */
export async function slaClockWorkflow(input: SlaClockInput): Promise<void> {
  let clock: Clock = input.clock;
  let version = 0;
  const inbox: ClockCommand[] = [];
  const ticket = getExternalWorkflowHandle(input.ticketWorkflowId);

  setHandler(slaMessages.command, (command) => { inbox.push(command); });
  setHandler(slaMessages.view, () => viewClock(clock, Date.now()));

  const record = () =>
    recordSlaClock({ orgId: input.orgId, ticketNumber: input.ticketNumber, cycle: input.cycle, policyId: input.policyId, clock, version: ++version });

  /** Notes any share reached by `at`, and tells the ticket about each, once. */
  const settle = async (at: number) => {
    const seen = observe(clock, at);
    clock = seen.clock;
    if (seen.warned && !seen.breached) {
      const due = dueAt(clock);
      await ticket.signal(slaMessages.event, { type: 'warning', target: clock.kind, dueAt: due === null ? null : new Date(due).toISOString() });
    }
    if (seen.breached) await ticket.signal(slaMessages.event, { type: 'breached', target: clock.kind, at: new Date(at).toISOString() });
  };

  await settle(Date.now());
  await record();
  while (clock.state === 'running' || clock.state === 'paused') {
    const deadline = nextDeadline(clock);
    const commanded = await waitForCommand(() => inbox.length > 0, deadline);
    if (!commanded && deadline !== null) {
      // The timer was for this instant: record the share as reached then, even if this task
      // runs late (a worker was down), so a breach's time is the deadline, not the recovery.
      await settle(deadline);
    } else {
      for (const command of inbox.splice(0)) {
        await settle(command.at);
        clock = applyClockCommand(clock, command);
        if (command.type === 'retarget') await settle(command.at);
      }
    }
    await record();
  }
}

/**
 * Waits for a command, or until `deadline` when there is one. `condition` without a timeout
 * resolves to nothing rather than `true`, so the untimed wait is spelled out here.
 */
async function waitForCommand(hasCommand: () => boolean, deadline: number | null): Promise<boolean> {
  if (deadline === null) {
    await condition(hasCommand);
    return true;
  }
  return condition(hasCommand, Math.max(1, deadline - Date.now()));
}

