import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { dispatchWorkflowId, type DispatchEdit } from '../domain/dispatch/index';
import { dispatchWorkflow } from '../workflows/dispatch';
import {
  DISPATCH_FAILURES,
  dispatchMessages,
  type ApproveArgs,
  type DispatchView,
  type DispatchWorkflowInput,
  type ViolationDetails,
} from '../workflows/dispatch-messages';
import { EntityType, OrgId, Status } from '../workflows/search-attributes';
import { queryOrNull, sendUpdate, type Answer, type NamesOf, type Refusal } from './updates';

export type { ApproveArgs, DispatchView, DispatchWorkflowInput, ViolationDetails };

/** One dispatch plan: one workflow per org, date and region. */
export interface DispatchPlanRef {
  orgId: string;
  date: string;
  region: string;
}

type Named = NamesOf<typeof DISPATCH_FAILURES>;

/**
 * How a plan refuses an approval, a check or a rejection: nothing awaits approval, a newer
 * proposal replaced the one named, malformed edits, or edits that break constraints (with the
 * violations and the edited proposal, when the workflow sent them).
 */
export type DispatchRefusal =
  | Refusal<Exclude<Named, 'violations'>>
  | { ok: false; refusal: 'violations'; message: string; violations: ViolationDetails['violations']; proposal: ViolationDetails['proposal'] | null };
export type DispatchAnswer<T> = { ok: true; value: T } | DispatchRefusal;

export interface DispatchClient {
  /** Starts the plan's workflow, or finds the one that runs (idempotent by workflow id). */
  plan(input: DispatchWorkflowInput): Promise<void>;
  /** The plan's live view, or null when no such plan runs. */
  view(plan: DispatchPlanRef): Promise<DispatchView | null>;
  /** Approve the proposal (optionally edited): answers once the work orders hold their schedule. */
  approve(plan: DispatchPlanRef, args: ApproveArgs): Promise<DispatchAnswer<DispatchView>>;
  /** Re-check edits without approving: the edited proposal and the constraints it breaks. */
  check(plan: DispatchPlanRef, args: { edits: DispatchEdit[] }): Promise<DispatchAnswer<ViolationDetails>>;
  /** Throw the proposal away and plan again: answers with the new proposal. */
  reject(plan: DispatchPlanRef, args: { actorId: string | null; reason?: string }): Promise<DispatchAnswer<DispatchView>>;
  /** Urgent work arrived: the plan proposes an incremental re-plan. */
  urgentWorkOrder(plan: DispatchPlanRef, workOrderNumber: number): Promise<{ ok: true } | { ok: false; refusal: 'not_running' }>;
}

/** Gives the `violations` refusal its typed details. */
function typed<T>(answer: Answer<T, Named>): DispatchAnswer<T> {
  if (answer.ok || answer.refusal !== 'violations') return answer as DispatchAnswer<T>;
  const details = answer.details[0] as ViolationDetails | undefined;
  return { ok: false, refusal: 'violations', message: answer.message, violations: details?.violations ?? [], proposal: details?.proposal ?? null };
}

/** The only code that knows a dispatch plan's workflow id, its Update names and how it starts. */
export function dispatchClient(deps: { temporal: Client; taskQueue: string }): DispatchClient {
  const handleOf = (plan: DispatchPlanRef) => deps.temporal.workflow.getHandle(dispatchWorkflowId(plan.orgId, plan.date, plan.region));
  const send = async <T, Args>(plan: DispatchPlanRef, update: UpdateDefinition<T, [Args]>, args: Args) =>
    typed(await sendUpdate(handleOf(plan), update, args, DISPATCH_FAILURES));

  return {
    async plan(input) {
      await deps.temporal.workflow.start(dispatchWorkflow, {
        workflowId: dispatchWorkflowId(input.orgId, input.date, input.region),
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: OrgId, value: input.orgId },
          { key: EntityType, value: 'dispatch' },
          { key: Status, value: 'planning' },
        ],
      });
    },

    view: (plan) => queryOrNull(handleOf(plan), dispatchMessages.proposal),

    approve: (plan, args) => send(plan, dispatchMessages.approve, args),
    check: (plan, args) => send(plan, dispatchMessages.check, args),
    reject: (plan, args) => send(plan, dispatchMessages.reject, args),

    async urgentWorkOrder(plan, workOrderNumber) {
      try {
        await handleOf(plan).signal(dispatchMessages.urgentWorkOrder, { workOrderNumber });
        return { ok: true };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return { ok: false, refusal: 'not_running' };
        throw error;
      }
    },
  };
}
