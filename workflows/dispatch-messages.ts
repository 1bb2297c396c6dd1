import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DispatchEdit, LatLng, ProposalChange, Proposal, Violation } from '../domain/dispatch/index';

export type DispatchStatus = 'planning' | 'proposed' | 'reviewing' | 'committing' | 'committed';
export type TimeoutPolicy = 'notify' | 'auto_approve';

export interface DispatchWorkflowInput {
  orgId: string;
  date: string;
  region: string;
  requestedBy: string | null;
  /** The optimizer's budget per (re-)plan. */
  timeLimitSeconds: number;
  seed?: number;
  /** How long a proposal waits for the dispatcher before the policy applies. */
  approvalTimeoutSeconds: number;
  timeoutPolicy: TimeoutPolicy;
}

/** The plan's live state, as the dispatcher sees it. */
export interface DispatchView {
  date: string;
  region: string;
  status: DispatchStatus;
  /** Increases with every new proposal; an approval may name the one it approves. */
  version: number;
  /** Why the current proposal was made. */
  trigger: 'initial' | 'rejected' | 'urgent';
  proposal: Proposal | null;
  /** The proposal against the committed plan (or against nothing, the first time). */
  changes: ProposalChange[];
  committed: Proposal | null;
  committedVersion: number;
  /** Work order number → technician it is locked to (kept through re-plans). */
  locks: Record<string, string>;
  technicianIds: string[];
  /** Where each work order of the day is, and where each technician starts (for the map). */
  sites: Record<string, LatLng>;
  homes: Record<string, LatLng>;
  escalated: boolean;
  approvedBy: string | null;
  autoApproved: boolean;
  /** The optimizer's progress on the plan being made, or null. */
  planning: boolean;
}

export interface ApproveArgs {
  actorId: string | null;
  /** The proposal version being approved: a newer one in between is a conflict. */
  version?: number;
  edits?: DispatchEdit[];
}

export interface ApproveResult {
  view: DispatchView;
}

/**
 * How an approval or a rejection fails: nothing awaits approval, a newer proposal replaced
 * the one named, malformed edits (validators), or edits that break constraints (the details
 * hold the violations and the edited proposal).
 */
export const DISPATCH_FAILURES = {
  notAwaiting: 'dispatch_not_awaiting',
  stale: 'dispatch_stale_proposal',
  invalidEdits: 'dispatch_invalid_edits',
  violations: 'dispatch_violations',
} as const;
export type ViolationDetails = { violations: Violation[]; proposal: Proposal };

export const dispatchMessages = {
  /** Approve the current proposal (optionally edited): answers once work orders hold their schedule. */
  approve: defineUpdate<DispatchView, [ApproveArgs]>('dispatch.approve'),
  /** Re-check edits to the current proposal without approving: the edited proposal and its violations. */
  check: defineUpdate<ViolationDetails, [{ edits: DispatchEdit[] }]>('dispatch.check'),
  /** Throw the current proposal away and plan again. */
  reject: defineUpdate<DispatchView, [{ actorId: string | null; reason?: string }]>('dispatch.reject'),
  proposal: defineQuery<DispatchView>('dispatch.proposal'),
  /** Urgent work arrived: propose an incremental re-plan that keeps started and locked jobs. */
  urgentWorkOrder: defineSignal<[{ workOrderNumber: number }]>('dispatch.urgentWorkOrder'),
} as const;
