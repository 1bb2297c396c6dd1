import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, proxyLocalActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { SlaActivities } from '../activities/sla-records';
import { viewClock } from '../domain/sla/clock';
import { applyTicketCommand, isOpen, nextTargetDeadline, settleTargets, type SlaEventReached, type TargetClock, type TicketClockCommand } from '../domain/sla/ticket-clocks';
import type { SlaTargetKind } from '../domain/sla/policy';
import { slaMessages } from './sla-messages';

export interface TicketSlaClockInput {
  orgId: string;
  ticketNumber: number;
  ticketWorkflowId: string;
  /** The open targets (the first run: those the ticket started it with). */
  targets: TargetClock[];
  /** Last version written to the targets' rows: continues across continue-as-new. */
  version: number;
}

/** Continue as new past this many events: a clock woken after eviction replays little. */
const MAX_HISTORY_EVENTS = 200;

// One write per state change. A bounded retry: past it the clock waits and tries again
// (below), so a long database outage delays its records rather than losing the clock.
const { recordTicketSlaClocks } = proxyLocalActivities<SlaActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 8 },
});

/**
 * Every SLA target of one ticket (first response, next response, resolution) in one
 * workflow on the `sla` task queue, sleeping on one timer: the next deadline over all of them.
 * It writes its own state changes and the ticket's `sla_warning` / `sla_breached` timeline
 * entries, and tells the ticket about them only when the org has rules listening to SLA
 * events (then the ticket records them and runs its rules, as before). It ends when its
 * last target ends; the ticket starts another when a new target starts after that.
 */
export async function ticketSlaClockWorkflow(input: TicketSlaClockInput): Promise<void> {
  let targets = input.targets;
  let version = input.version;
  const inbox: TicketClockCommand[] = [];
  const ticket = getExternalWorkflowHandle(input.ticketWorkflowId);

  setHandler(slaMessages.ticketCommands, (commands) => { inbox.push(...commands); });
  setHandler(slaMessages.ticketView, () => targets.map((target) => viewClock(target.clock, Date.now())));

  const record = async (changed: readonly SlaTargetKind[], events: SlaEventReached[]) => {
    if (changed.length === 0) return;
    version += 1;
    const rows = targets.filter((target) => changed.includes(target.clock.kind));
    const { notifyTicket } = await recordWithRetry({ orgId: input.orgId, ticketNumber: input.ticketNumber, version, targets: rows, events });
    if (notifyTicket) {
      for (const event of events) await ticket.signal(slaMessages.event, toTicketEvent(event)).catch(() => undefined);
    }
    targets = targets.filter(isOpen);
  };

  const first = input.version === 0 ? settleTargets(targets, Date.now()) : null;
  if (first) {
    targets = first.targets;
    await record(targets.map((target) => target.clock.kind), first.events);
  }
  while (targets.length > 0) {
    if (workflowInfo().historyLength > MAX_HISTORY_EVENTS || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (inbox.length === 0) await continueAsNew<typeof ticketSlaClockWorkflow>({ ...input, targets, version });
    }
    const deadline = nextTargetDeadline(targets);
    const commanded = deadline === null
      ? await condition(() => inbox.length > 0).then(() => true)
      : await condition(() => inbox.length > 0, Math.max(1, deadline - Date.now()));
    const changed = new Set<SlaTargetKind>();
    const events: SlaEventReached[] = [];
    const step = (result: { targets: TargetClock[]; events: SlaEventReached[]; changed: SlaTargetKind[] }) => {
      targets = result.targets;
      events.push(...result.events);
      for (const kind of result.changed) changed.add(kind);
    };
    // The timer was for this instant: a breach's time is the deadline, however late this runs.
    if (!commanded && deadline !== null) step(settleTargets(targets, deadline));
    for (const command of inbox.splice(0)) step(applyTicketCommand(targets, command));
    await record([...changed], events);
  }
}

/** A write that keeps failing past its retries is tried again after a durable pause. */
async function recordWithRetry(input: Parameters<SlaActivities['recordTicketSlaClocks']>[0]) {
  for (;;) {
    try {
      return await recordTicketSlaClocks(input);
    } catch (error) {
      if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) throw error;
      await sleep('1 minute');
    }
  }
}

const toTicketEvent = (event: SlaEventReached) =>
  event.type === 'warning'
    ? { type: 'warning' as const, target: event.target, dueAt: event.dueAt }
    : { type: 'breached' as const, target: event.target, at: event.at };
