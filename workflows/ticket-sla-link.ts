import { ParentClosePolicy, getExternalWorkflowHandle, startChild, workflowInfo } from '@temporalio/workflow';
import type { SlaTargetKind } from '../domain/sla/policy';
import type { TargetClock, TargetCommand, TicketClockCommand } from '../domain/sla/ticket-clocks';
import type { TicketState } from '../domain/ticket/index';
import { slaMessages } from './sla-messages';
import { ticketSlaClockWorkflow } from './sla-ticket-clock';
import { taskQueueFor } from './task-queues';

/** The ticket's side of its one clock workflow, carried across continue-as-new. */
export interface SlaClockLinkSnapshot {
  /** Numbers the ticket's clock workflows: a new one starts when a target starts after the last ended. */
  generation: number;
  workflowId: string | null;
  /** The targets the running clock workflow holds open (it ends when none is left). */
  open: SlaTargetKind[];
}

/**
 * Turns a ticket change's SLA reactions into at most one signal to its clock workflow, and
 * starts that workflow (on the `sla` task queue) when a target starts and none is running.
 * The start is not awaited, so neither creating a ticket nor a change waits on it; signals
 * wait for it, so a clock never misses a command.
 */
export class SlaClockLink {
  static readonly initial: SlaClockLinkSnapshot = { generation: 0, workflowId: null, open: [] };

  private starting: { state: TicketState; targets: TargetClock[] } | null = null;
  private outbox: { workflowId: string; commands: TicketClockCommand[] }[] = [];
  private started: Promise<void> = Promise.resolve();

  constructor(private state: SlaClockLinkSnapshot) {}

  snapshot(): SlaClockLinkSnapshot {
    return this.state;
  }

  openKinds(): SlaTargetKind[] {
    return [...this.state.open, ...(this.starting?.targets.map((target) => target.clock.kind) ?? [])];
  }

  start(ticket: TicketState, target: TargetClock): void {
    if (this.state.workflowId === null) {
      this.starting = { state: ticket, targets: [...(this.starting?.targets ?? []), target] };
      return;
    }
    this.queue({ type: 'start', target });
    this.state = { ...this.state, open: [...this.state.open, target.clock.kind] };
  }

  apply(kinds: readonly SlaTargetKind[], command: TargetCommand): void {
    if (this.starting && this.starting.targets.some((target) => kinds.includes(target.clock.kind))) this.startWorkflow();
    const hit = kinds.filter((kind) => this.state.open.includes(kind));
    if (hit.length === 0) return;
    this.queue({ type: 'apply', kinds: hit, command });
    if (command.type !== 'end') return;
    const open = this.state.open.filter((kind) => !hit.includes(kind));
    // The workflow ends with its last target: the next target starts another.
    this.state = open.length === 0 ? { ...this.state, workflowId: null, open } : { ...this.state, open };
  }

  /** Starts what is waiting to start, then sends the queued commands once their workflow is started. */
  async flush(): Promise<void> {
    if (this.starting) this.startWorkflow();
    const sends = this.outbox.splice(0);
    if (sends.length === 0) return;
    await this.started;
    for (const { workflowId, commands } of sends) {
      // A clock that already ended refuses the signal; there is nothing left to tell it.
      void getExternalWorkflowHandle(workflowId).signal(slaMessages.ticketCommands, commands).catch(() => undefined);
    }
  }

  private queue(command: TicketClockCommand): void {
    const workflowId = this.state.workflowId;
    if (workflowId === null) return;
    const last = this.outbox.at(-1);
    if (last?.workflowId === workflowId) last.commands.push(command);
    else this.outbox.push({ workflowId, commands: [command] });
  }

  private startWorkflow(): void {
    const starting = this.starting;
    if (!starting) return;
    this.starting = null;
    const ticketWorkflowId = workflowInfo().workflowId;
    const generation = this.state.generation + 1;
    const workflowId = `${ticketWorkflowId}/sla/clock/${generation}`;
    this.state = { generation, workflowId, open: starting.targets.map((target) => target.clock.kind) };
    const start = startChild(ticketSlaClockWorkflow, {
      workflowId,
      taskQueue: taskQueueFor(workflowInfo().taskQueue, 'sla'),
      // The clock outlives a continue-as-new of its ticket; the ticket ends it by ending its targets.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ orgId: starting.state.orgId, ticketNumber: starting.state.number, ticketWorkflowId, targets: starting.targets, version: 0 }],
    });
    const before = this.started;
    this.started = Promise.all([before, start]).then(() => undefined, () => undefined);
  }
}
