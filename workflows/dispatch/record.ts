import { recordDispatchPlan } from './activities';
import type { DispatchPlanState } from './state';

export type PlanEventType = Parameters<typeof recordDispatchPlan>[0]['event']['type'];

/** Writes the plan's row and appends one event, keyed by the proposal version so a retry does not repeat it. */
export function recordPlanEvent(state: DispatchPlanState, type: PlanEventType, data: Record<string, unknown> = {}) {
  const { input, planId, view } = state;
  return recordDispatchPlan({
    orgId: input.orgId, planId, date: input.date, region: input.region, status: view.status, version: view.version, proposal: view.proposal,
    event: { key: `${view.version}:${type}`, type, data }, approvedBy: state.approval?.by ?? null,
  });
}
