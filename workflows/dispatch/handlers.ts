import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { assignmentOf, editsProblem } from '../../domain/dispatch/index';
import { DISPATCH_FAILURES, dispatchMessages, type ApproveArgs, type DispatchView, type ViolationDetails } from '../dispatch-messages';
import { evaluateDispatchEdits } from './activities';
import type { DispatchPlanState } from './state';

const refusal = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * The dispatcher's side of the plan: the view query, the urgent-work signal, and the
 * approve / check / reject Updates. Handlers only record a decision in the state; the main
 * loop acts on it (an approval answers once its version is committed).
 */
export function installDispatchHandlers(state: DispatchPlanState): void {
  setHandler(dispatchMessages.proposal, () => state.view);

  setHandler(dispatchMessages.urgentWorkOrder, () => {
    state.urgent++;
  });

  setHandler(dispatchMessages.approve, (args) => approve(state, args), { validator: (args) => validateApprove(state, args) });

  setHandler(
    dispatchMessages.check,
    async (args) => {
      const { view } = state;
      const evaluation = await evaluateDispatchEdits({ snapshot: state.snapshot!, assignment: assignmentOf(view.proposal!), edits: args.edits, locks: view.locks });
      return { violations: [...evaluation.violations], proposal: evaluation.proposal };
    },
    {
      validator: (args) => {
        const { view } = state;
        if (!view.proposal || !state.snapshot || view.status === 'planning') throw refusal(DISPATCH_FAILURES.notAwaiting, 'There is no proposal to check edits against yet.');
        const problem = editsProblem(view.proposal, view.technicianIds, args.edits);
        if (problem) throw refusal(DISPATCH_FAILURES.invalidEdits, problem);
      },
    },
  );

  setHandler(
    dispatchMessages.reject,
    async (args) => {
      const version = state.view.version;
      state.rejected = true;
      state.rejectReason = args.reason ?? null;
      await condition(() => state.view.version > version && state.view.status !== 'planning');
      return state.view;
    },
    {
      validator: (args) => {
        if (typeof args !== 'object' || args === null) throw refusal(DISPATCH_FAILURES.invalidEdits, 'reject needs { actorId, reason? }.');
        if (state.view.status !== 'proposed' || state.approval) throw refusal(DISPATCH_FAILURES.notAwaiting, `There is no proposal awaiting approval (the plan is ${state.view.status}).`);
      },
    },
  );
}

function validateApprove(state: DispatchPlanState, args: ApproveArgs): void {
  const { view } = state;
  if (view.status !== 'proposed' || !view.proposal || state.approval) throw refusal(DISPATCH_FAILURES.notAwaiting, `There is no proposal awaiting approval (the plan is ${view.status}).`);
  if (args.version !== undefined && args.version !== view.version) throw refusal(DISPATCH_FAILURES.stale, `Proposal ${args.version} was replaced by proposal ${view.version}.`);
  const problem = editsProblem(view.proposal, view.technicianIds, args.edits ?? []);
  if (problem) throw refusal(DISPATCH_FAILURES.invalidEdits, problem);
}

/** Re-checks the dispatcher's edits (if any), leaves the approval for the main loop, answers once it is committed. */
async function approve(state: DispatchPlanState, args: ApproveArgs): Promise<DispatchView> {
  const { view } = state;
  const version = view.version;
  const proposal = view.proposal!;
  let approved = proposal;
  if (args.edits && args.edits.length > 0) {
    view.status = 'reviewing';
    try {
      const evaluation = await evaluateDispatchEdits({ snapshot: state.snapshot!, assignment: assignmentOf(proposal), edits: args.edits, locks: view.locks });
      if (evaluation.violations.length > 0) {
        const details: ViolationDetails = { violations: [...evaluation.violations], proposal: evaluation.proposal };
        throw ApplicationFailure.create({
          type: DISPATCH_FAILURES.violations,
          message: `The edited plan breaks ${evaluation.violations.length} constraint${evaluation.violations.length === 1 ? '' : 's'}: ${evaluation.violations[0]!.message}`,
          nonRetryable: true,
          details: [details],
        });
      }
      approved = evaluation.proposal;
      view.locks = evaluation.locks;
    } finally {
      if (view.status === 'reviewing') view.status = 'proposed';
    }
  }
  state.approval = { proposal: approved, by: args.actorId, auto: false, version };
  await condition(() => view.committedVersion >= version);
  return view;
}
