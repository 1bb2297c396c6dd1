import type { DispatchSnapshot, Proposal } from '../../domain/dispatch/index';
import type { DispatchView, DispatchWorkflowInput } from '../dispatch-messages';

/** A proposal the dispatcher (or the timeout's policy) accepted, and the version it was. */
export interface Approval {
  proposal: Proposal;
  by: string | null;
  auto: boolean;
  version: number;
}

/**
 * Everything one planning horizon holds between steps: the view the dispatcher reads, the
 * snapshot the current proposal was made from, and the decisions the handlers left for the
 * main loop (an approval, a rejection, urgent work counted but not yet planned for).
 */
export interface DispatchPlanState {
  readonly input: DispatchWorkflowInput;
  readonly planId: string;
  /** One object for the whole run (handlers hold it): mutated, never replaced. */
  readonly view: DispatchView;
  snapshot: DispatchSnapshot | null;
  approval: Approval | null;
  rejected: boolean;
  rejectReason: string | null;
  /** Urgent work orders signalled so far, and how many the current plan has taken in. */
  urgent: number;
  urgentSeen: number;
}

export function initialPlanState(input: DispatchWorkflowInput, planId: string): DispatchPlanState {
  return {
    input,
    planId,
    view: {
      date: input.date, region: input.region, status: 'planning', version: 0, trigger: 'initial', proposal: null, changes: [],
      committed: null, committedVersion: 0, locks: {}, technicianIds: [], sites: {}, homes: {}, escalated: false, approvedBy: null, autoApproved: false, planning: true,
    },
    snapshot: null,
    approval: null,
    rejected: false,
    rejectReason: null,
    urgent: 0,
    urgentSeen: 0,
  };
}

/** Urgent work arrived that the current plan has not taken in yet. */
export function urgentPending(state: DispatchPlanState): boolean {
  return state.urgent > state.urgentSeen;
}
