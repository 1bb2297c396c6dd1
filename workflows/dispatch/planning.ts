import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { assignmentOf, diffProposals, type DispatchSnapshot, type Proposal } from '../../domain/dispatch/index';
import { gatherDispatchSnapshot, optimizerFor } from './activities';
import { urgentPending, type DispatchPlanState } from './state';

/**
 * Plans until a proposal is made: gathers the day's work orders and technicians, runs the
 * optimizer in a cancellation scope, and starts over when urgent work arrives meanwhile.
 */
export async function planProposal(state: DispatchPlanState, optimizerQueue: string | undefined): Promise<void> {
  const { input, view } = state;
  for (;;) {
    view.status = 'planning';
    view.planning = true;
    state.urgentSeen = state.urgent;
    const snapshot = await gatherDispatchSnapshot({ orgId: input.orgId, date: input.date, region: input.region });
    state.snapshot = snapshot;
    const scope = new CancellationScope();
    const optimizeDispatch = optimizerFor(input.timeLimitSeconds, optimizerQueue);
    const current = view.committed ? assignmentOf(view.committed) : null;
    const run = scope.run(() =>
      optimizeDispatch({ snapshot, locks: view.locks, current, timeLimitMs: input.timeLimitSeconds * 1000, seed: (input.seed ?? 1) + view.version }),
    );
    const interrupted = condition(() => urgentPending(state)).then(() => scope.cancel());
    void interrupted;
    try {
      propose(state, snapshot, await run);
      return;
    } catch (error) {
      if (!isCancellation(error)) throw error;
    }
  }
}

/** The new proposal becomes the view: a version, its changes against the committed plan, the map's points. */
function propose(state: DispatchPlanState, snapshot: DispatchSnapshot, proposal: Proposal): void {
  const { view } = state;
  view.version++;
  view.proposal = proposal;
  view.changes = diffProposals(view.committed, proposal);
  view.technicianIds = snapshot.technicians.map((t) => t.id);
  view.homes = Object.fromEntries(snapshot.technicians.map((t) => [t.id, t.home]));
  view.sites = Object.fromEntries(snapshot.workOrders.flatMap((wo) => (wo.location ? [[String(wo.number), wo.location]] : [])));
  view.escalated = false;
  view.planning = false;
  view.status = 'proposed';
}
