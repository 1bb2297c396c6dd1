import { ParentClosePolicy, getExternalWorkflowHandle, proxyLocalActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { SlaActivities } from '../activities/sla-records';
import { slaReactions, startClock, type AppliedSla, type SlaTargetKind } from '../domain/sla/index';
import type { TicketEvent, TicketState } from '../domain/ticket/index';
import { slaClockWorkflow } from './sla-clock';
import { slaMessages, type ClockCommand } from './sla-messages';

/** The SLA side of a ticket workflow, carried across continue-as-new. */
export interface TicketSla {
  applied: AppliedSla | null;
  clocks: { kind: SlaTargetKind; cycle: number; workflowId: string; open: boolean }[];
  nextCycle: number;
}

export const NO_SLA: TicketSla = { applied: null, clocks: [], nextCycle: 1 };

const { resolveSla } = proxyLocalActivities<SlaActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

/**
 * Runs a ticket's SLA clocks as child workflows: starts them from the policy that covers the
 * ticket, and turns each accepted ticket change into commands for them. Clock commands are
 * signals sent without waiting, so a reply does not wait on its clocks.
 */
export class SlaCoordinator {
  constructor(private sla: TicketSla) {}

  snapshot(): TicketSla {
    return this.sla;
  }

  /**
   * Applies the covering policy and starts its first-response and resolution clocks: together
   * (one round trip to the server) unless the ticket began before that, when it replays the
   * one-after-the-other starts its history holds.
   */
  async open(state: TicketState, together: boolean): Promise<void> {
    this.sla = { ...this.sla, applied: await resolveSla({ orgId: state.orgId, number: state.number }) };
    const kinds = ['first_response', 'resolution'] as const;
    if (together) await Promise.all(kinds.map((kind) => this.start(kind, state)));
    else for (const kind of kinds) await this.start(kind, state);
  }

  async onChange(events: readonly TicketEvent[], byAgent: boolean, state: TicketState): Promise<void> {
    const applied = this.sla.applied;
    if (!applied) return;
    const at = Date.now();
    for (const reaction of slaReactions(events, byAgent, applied.pauseStatuses)) {
      switch (reaction.type) {
        case 'end':
          for (const clock of this.openClocks(reaction.kinds)) {
            this.send(clock.workflowId, { type: 'end', outcome: reaction.outcome, at });
            clock.open = false;
          }
          break;
        case 'pause':
        case 'resume':
          for (const clock of this.openClocks()) this.send(clock.workflowId, { type: reaction.type, at });
          break;
        case 'start':
          if (this.openClocks([reaction.kind]).length === 0) await this.start(reaction.kind, state);
          break;
        case 'retarget':
          await this.retarget(state, at);
          break;
      }
    }
  }

  /** A new priority may select another policy and other targets; both apply to time already spent. */
  private async retarget(state: TicketState, at: number): Promise<void> {
    const next = await resolveSla({ orgId: state.orgId, number: state.number, priority: state.priority });
    if (!next) return;
    this.sla = { ...this.sla, applied: next };
    for (const clock of this.openClocks()) {
      const target = next.targets[clock.kind];
      if (target === undefined) {
        this.send(clock.workflowId, { type: 'end', outcome: 'cancelled', at });
        clock.open = false;
      } else {
        this.send(clock.workflowId, { type: 'retarget', targetMs: target * 1000, at });
      }
    }
  }

  private async start(kind: SlaTargetKind, state: TicketState): Promise<void> {
    const applied = this.sla.applied;
    const target = applied?.targets[kind];
    if (!applied || target === undefined) return;
    // The cycle is taken before the start is awaited, so clocks started together get their own.
    const cycle = this.sla.nextCycle;
    this.sla = { ...this.sla, nextCycle: cycle + 1 };
    const ticketWorkflowId = workflowInfo().workflowId;
    const workflowId = `${ticketWorkflowId}/sla/${kind}/${cycle}`;
    await startChild(slaClockWorkflow, {
      workflowId,
      // Clocks outlive a continue-as-new of their ticket; the ticket ends them explicitly.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{
        orgId: state.orgId,
        ticketNumber: state.number,
        ticketWorkflowId,
        policyId: applied.policyId,
        cycle,
        clock: startClock({ kind, targetMs: target * 1000, warnAt: applied.warnAt, calendar: applied.calendar, at: Date.now(), paused: applied.pauseStatuses.includes(state.status) }),
      }],
    });
    this.sla = { ...this.sla, clocks: [...this.sla.clocks, { kind, cycle, workflowId, open: true }] };
  }

  private openClocks(kinds?: readonly SlaTargetKind[]) {
    return this.sla.clocks.filter((clock) => clock.open && (!kinds || kinds.includes(clock.kind)));
  }

  private send(workflowId: string, command: ClockCommand): void {
    // A clock that already ended refuses the signal; there is nothing left to tell it.
    void getExternalWorkflowHandle(workflowId).signal(slaMessages.command, command).catch(() => undefined);
  }
}
