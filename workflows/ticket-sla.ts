import { ParentClosePolicy, getExternalWorkflowHandle, patched, proxyLocalActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { SlaActivities } from '../activities/sla-records';
import { slaReactions, startClock, type AppliedSla, type SlaReactionOptions, type SlaTargetKind } from '../domain/sla/index';
import type { TicketEvent, TicketState } from '../domain/ticket/index';
import { slaClockWorkflow } from './sla-clock';
import { slaMessages, type ClockCommand } from './sla-messages';
import { SlaClockLink, type SlaClockLinkSnapshot } from './ticket-sla-link';

/** The SLA side of a ticket workflow, carried across continue-as-new. */
export interface TicketSla {
  applied: AppliedSla | null;
  clocks: { kind: SlaTargetKind; cycle: number; workflowId: string; open: boolean }[];
  nextCycle: number;
  /**
   * Set when the ticket's targets run in one clock workflow on the `sla` queue
   * (`patched('sla-ticket-clock')`); absent, they are one child per target, as before.
   */
  clockLink?: SlaClockLinkSnapshot;
}

export const NO_SLA: TicketSla = { applied: null, clocks: [], nextCycle: 1 };

/**
 * Tickets whose histories logged an answered call before this kept their response clocks
 * running; asked only when such a call is logged, so other histories carry no marker.
 */
const REACTIONS: SlaReactionOptions = { callsMeetResponse: () => patched('call-meets-sla-response') };

const { resolveSla } = proxyLocalActivities<SlaActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 8 },
});

/**
 * Runs a ticket's SLA clocks as child workflows: starts them from the policy that covers the
 * ticket, and turns each accepted ticket change into commands for them. Clock commands are
 * signals sent without waiting, so a reply does not wait on its clocks. New tickets run all
 * their targets in one clock workflow on the `sla` queue (SlaClockLink); tickets that began
 * before `sla-ticket-clock` keep one child per target.
 */
export class SlaCoordinator {
  private clockLink: SlaClockLink | null;

  constructor(private sla: TicketSla) {
    this.clockLink = sla.clockLink ? new SlaClockLink(sla.clockLink) : null;
  }

  snapshot(): TicketSla {
    return this.clockLink ? { ...this.sla, clockLink: this.clockLink.snapshot() } : this.sla;
  }

  /**
   * Applies the covering policy and starts its first-response and resolution clocks: together
   * (one round trip to the server) unless the ticket began before that, when it replays the
   * one-after-the-other starts its history holds.
   */
  async open(state: TicketState, together: boolean, resolved?: { applied: AppliedSla | null }): Promise<void> {
    // Resolved by the creation's own write, or (tickets that began before that) by an activity.
    const applied = resolved ? resolved.applied : await resolveSla({ orgId: state.orgId, number: state.number });
    this.sla = { ...this.sla, applied };
    const kinds = ['first_response', 'resolution'] as const;
    // Tickets that began before it replay their per-target children.
    if (patched('sla-ticket-clock')) {
      this.clockLink = new SlaClockLink(SlaClockLink.initial);
      for (const kind of kinds) this.startTarget(kind, state, Date.now());
      await this.clockLink.flush();
      return;
    }
    if (together) await Promise.all(kinds.map((kind) => this.start(kind, state)));
    else for (const kind of kinds) await this.start(kind, state);
  }

  async onChange(events: readonly TicketEvent[], byAgent: boolean, state: TicketState): Promise<void> {
    const applied = this.sla.applied;
    if (!applied) return;
    const at = Date.now();
    if (this.clockLink) return this.onLinkedChange(this.clockLink, events, byAgent, state, at);
    for (const reaction of slaReactions(events, byAgent, applied.pauseStatuses, REACTIONS)) {
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

  /** The same reactions, as one batch of commands to the ticket's one clock workflow. */
  private async onLinkedChange(clock: SlaClockLink, events: readonly TicketEvent[], byAgent: boolean, state: TicketState, at: number): Promise<void> {
    const applied = this.sla.applied;
    if (!applied) return;
    for (const reaction of slaReactions(events, byAgent, applied.pauseStatuses, REACTIONS)) {
      switch (reaction.type) {
        case 'end':
          clock.apply(reaction.kinds, { type: 'end', outcome: reaction.outcome, at });
          break;
        case 'pause':
        case 'resume':
          clock.apply(clock.openKinds(), { type: reaction.type, at });
          break;
        case 'start':
          if (!clock.openKinds().includes(reaction.kind)) this.startTarget(reaction.kind, state, at);
          break;
        case 'retarget': {
          const next = await resolveSla({ orgId: state.orgId, number: state.number, priority: state.priority });
          if (!next) break;
          this.sla = { ...this.sla, applied: next };
          for (const kind of clock.openKinds()) {
            const target = next.targets[kind];
            clock.apply([kind], target === undefined ? { type: 'end', outcome: 'cancelled', at } : { type: 'retarget', targetMs: target * 1000, at });
          }
          break;
        }
      }
    }
    await clock.flush();
  }

  /** Adds a target to the ticket's clock workflow, starting one if none is running. */
  private startTarget(kind: SlaTargetKind, state: TicketState, at: number): void {
    const applied = this.sla.applied;
    const target = applied?.targets[kind];
    if (!applied || target === undefined || !this.clockLink) return;
    const cycle = this.sla.nextCycle;
    this.sla = { ...this.sla, nextCycle: cycle + 1 };
    this.clockLink.start(state, {
      cycle,
      policyId: applied.policyId,
      clock: startClock({ kind, targetMs: target * 1000, warnAt: applied.warnAt, calendar: applied.calendar, at, paused: applied.pauseStatuses.includes(state.status) }),
    });
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
