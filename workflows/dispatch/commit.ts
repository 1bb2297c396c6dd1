import { commitDispatchSchedule } from './activities';
import { recordPlanEvent } from './record';
import type { DispatchPlanState } from './state';

/** Commits the accepted proposal to every work order's workflow and records the outcome. */
export async function commitApproval(state: DispatchPlanState): Promise<void> {
  const { input, planId, view } = state;
  const accepted = state.approval!;
  view.status = 'committing';
  view.proposal = accepted.proposal;
  view.approvedBy = accepted.by;
  view.autoApproved = accepted.auto;
  await recordPlanEvent(state, accepted.auto ? 'auto_approved' : 'approved', { by: accepted.by });
  const result = await commitDispatchSchedule({
    orgId: input.orgId, planId, date: input.date, version: accepted.version, proposal: accepted.proposal, technicians: [...state.snapshot!.technicians], actorId: accepted.by,
  });
  state.approval = null;
  await recordPlanEvent(state, 'committed', { scheduled: result.scheduled, unscheduled: result.unscheduled ?? [], refused: result.refused, notified: result.notified });
  // Last, and together: a reader of the view never sees `committed` before its record is
  // written or without its version; the approval answers now.
  view.committed = accepted.proposal;
  view.changes = [];
  view.status = 'committed';
  view.committedVersion = accepted.version;
}
