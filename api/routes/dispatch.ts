import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { dispatchWorkflowId, parsePlanId, planIdOf } from '../../domain/dispatch/index';
import { dispatchWorkflow } from '../../workflows/dispatch';
import { DISPATCH_FAILURES, dispatchMessages, type DispatchView, type ViolationDetails } from '../../workflows/dispatch-messages';
import { EntityType, OrgId, Status } from '../../workflows/search-attributes';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import { route } from '../route';
import { ProblemSchema } from '../schemas/common';
import { ApproveBody, CheckBody, CreatePlanBody, PlanParams, PlanSchema, RejectBody, UrgentBody, WindowsBody, WindowsParams } from '../schemas/dispatch';

const planResponses = {
  200: { description: 'The plan and its current proposal', schema: PlanSchema },
  404: { description: 'No such plan', schema: ProblemSchema },
  409: { description: 'Nothing awaits approval, or a newer proposal replaced the one named', schema: ProblemSchema },
  422: { description: 'Malformed edits, or edits that break constraints (listed in `violations`)', schema: ProblemSchema },
};

/**
 * Dispatch plans: one dispatch workflow per date and region. A plan's id is an opaque
 * encoding of its date and region; the workflow id is prefixed by the caller's org.
 */
export function dispatchRoutes(deps: ApiDeps) {
  const create = route({
    method: 'post', path: '/dispatch/plans', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'planDispatch',
    summary: "Plan a day: start (or find) the dispatch workflow for the date and region",
    body: CreatePlanBody,
    responses: { 201: { description: 'The plan (planning, or further along if it already existed)', schema: PlanSchema } },
    async handler({ auth, body }) {
      const workflowId = dispatchWorkflowId(auth.orgId, body.date, body.region);
      await deps.temporal.workflow.start(dispatchWorkflow, {
        workflowId,
        taskQueue: deps.taskQueue,
        args: [{
          orgId: auth.orgId, date: body.date, region: body.region, requestedBy: auth.userId, timeLimitSeconds: body.timeLimitSeconds,
          ...(body.seed !== undefined && { seed: body.seed }), approvalTimeoutSeconds: body.approvalTimeoutSeconds, timeoutPolicy: body.timeoutPolicy,
        }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: OrgId, value: auth.orgId },
          { key: EntityType, value: 'dispatch' },
          { key: Status, value: 'planning' },
        ],
      });
      return { status: 201, body: await viewOf(deps, auth, body.date, body.region) };
    },
  });

  const show = route({
    method: 'get', path: '/dispatch/plans/{id}', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'getDispatchPlan',
    summary: 'The plan: status, proposal (routes with ETAs, unassigned jobs with reasons), diff against the committed plan',
    params: PlanParams, responses: planResponses,
    async handler({ auth, params }) {
      const { date, region } = planKey(params.id);
      return { status: 200, body: await viewOf(deps, auth, date, region) };
    },
  });

  const approve = route({
    method: 'post', path: '/dispatch/plans/{id}/approve', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'approveDispatchPlan',
    summary: 'Approve the proposal, optionally with edits (move, lock, unassign); answers once the work orders hold their schedule',
    params: PlanParams, body: ApproveBody, responses: planResponses,
    async handler({ auth, params, body }) {
      const { date, region } = planKey(params.id);
      const args = { actorId: auth.userId, ...(body.version !== undefined && { version: body.version }), edits: body.edits };
      const view = await update(deps, auth, date, region, dispatchMessages.approve, args);
      return { status: 200, body: present(view, date, region) };
    },
  });

  const check = route({
    method: 'post', path: '/dispatch/plans/{id}/check', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'checkDispatchPlan',
    summary: 'Re-check edits without approving: the edited proposal (times recomputed) and the constraints it breaks',
    params: PlanParams, body: CheckBody,
    responses: { 200: { description: 'The edited proposal and its violations (empty when feasible)' }, 404: planResponses[404], 409: planResponses[409], 422: planResponses[422] },
    async handler({ auth, params, body }) {
      const { date, region } = planKey(params.id);
      return { status: 200, body: await update(deps, auth, date, region, dispatchMessages.check, { edits: body.edits }) };
    },
  });

  const reject = route({
    method: 'post', path: '/dispatch/plans/{id}/reject', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'rejectDispatchPlan',
    summary: 'Reject the proposal and plan again; answers with the new proposal',
    params: PlanParams, body: RejectBody, responses: planResponses,
    async handler({ auth, params, body }) {
      const { date, region } = planKey(params.id);
      const view = await update(deps, auth, date, region, dispatchMessages.reject, { actorId: auth.userId, ...(body.reason && { reason: body.reason }) });
      return { status: 200, body: present(view, date, region) };
    },
  });

  const urgent = route({
    method: 'post', path: '/dispatch/plans/{id}/urgent', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'replanDispatchUrgently',
    summary: 'Urgent work arrived: the plan proposes an incremental re-plan keeping started and locked jobs',
    params: PlanParams, body: UrgentBody,
    responses: { 202: { description: 'Re-planning', schema: PlanSchema }, 404: planResponses[404] },
    async handler({ auth, params, body }) {
      const { date, region } = planKey(params.id);
      const exists = await withTenant(deps.db, auth, (trx) => trx('work_orders').where({ org_id: auth.orgId, number: body.workOrderNumber }).first('number'));
      if (!exists) throw notFound(`Work order #${body.workOrderNumber}`);
      try {
        await deps.temporal.workflow.getHandle(dispatchWorkflowId(auth.orgId, date, region)).signal(dispatchMessages.urgentWorkOrder, { workOrderNumber: body.workOrderNumber });
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw notFound('Dispatch plan');
        throw error;
      }
      return { status: 202, body: await viewOf(deps, auth, date, region) };
    },
  });

  const windows = route({
    method: 'put', path: '/dispatch/work-orders/{number}/windows', tag: 'dispatch', access: ACCESS.dispatch,
    operationId: 'setWorkOrderWindows',
    summary: "Set when the customer can be visited (the windows dispatch plans within)",
    params: WindowsParams, body: WindowsBody,
    responses: { 204: { description: 'Saved' }, 404: planResponses[404] },
    async handler({ auth, params, body }) {
      await withTenant(deps.db, auth, async (trx) => {
        const row = await trx('work_orders').where({ org_id: auth.orgId, number: params.number }).first('number');
        if (!row) throw notFound(`Work order #${params.number}`);
        await trx('work_order_time_windows').where({ org_id: auth.orgId, work_order_number: params.number }).delete();
        const unique = [...new Map(body.windows.map((w) => [Date.parse(w.start), w])).values()];
        if (unique.length > 0) {
          await trx('work_order_time_windows').insert(unique.map((w) => ({ org_id: auth.orgId, work_order_number: params.number, starts_at: w.start, ends_at: w.end })));
        }
      });
      return { status: 204 };
    },
  });

  return [create, show, approve, check, reject, urgent, windows];
}

function planKey(id: string): { date: string; region: string } {
  const key = parsePlanId(id);
  if (!key) throw notFound('Dispatch plan');
  return key;
}

function present(view: DispatchView, date: string, region: string): z.infer<typeof PlanSchema> {
  return {
    id: planIdOf(date, region), date, region, status: view.status, version: view.version, trigger: view.trigger, proposal: view.proposal as never,
    committed: view.committed as never, committedVersion: view.committedVersion, changes: view.changes, locks: view.locks, technicianIds: view.technicianIds, sites: view.sites, homes: view.homes, escalated: view.escalated,
    approvedBy: view.approvedBy, autoApproved: view.autoApproved,
  };
}

async function viewOf(deps: ApiDeps, auth: Auth, date: string, region: string) {
  try {
    const view = await deps.temporal.workflow.getHandle(dispatchWorkflowId(auth.orgId, date, region)).query(dispatchMessages.proposal);
    return present(view, date, region);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound('Dispatch plan');
    throw error;
  }
}

async function update<Args, Result>(deps: ApiDeps, auth: Auth, date: string, region: string, definition: UpdateDefinition<Result, [Args]>, args: Args): Promise<Result> {
  try {
    return await deps.temporal.workflow.getHandle(dispatchWorkflowId(auth.orgId, date, region)).executeUpdate(definition, { args: [args] });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound('Dispatch plan');
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const failure = error.cause;
      switch (failure.type) {
        case DISPATCH_FAILURES.notAwaiting:
          throw new Problem(409, 'dispatch-not-awaiting-approval', 'Nothing awaits approval', { detail: failure.message });
        case DISPATCH_FAILURES.stale:
          throw new Problem(409, 'dispatch-stale-proposal', 'A newer proposal replaced this one', { detail: failure.message });
        case DISPATCH_FAILURES.invalidEdits:
          throw new Problem(422, 'dispatch-invalid-edits', 'The edits do not fit this proposal', { detail: failure.message });
        case DISPATCH_FAILURES.violations: {
          const details = failure.details?.[0] as ViolationDetails | undefined;
          throw new Problem(422, 'dispatch-violations', 'The edited plan breaks constraints', {
            detail: failure.message, violations: details?.violations ?? [], proposal: details?.proposal ?? null,
          });
        }
      }
    }
    throw error;
  }
}
