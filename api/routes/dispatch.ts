import type { z } from 'zod';
import { dispatchClient, type DispatchAnswer, type DispatchPlanRef, type DispatchView } from '../../clients/dispatch-client';
import { withTenant } from '../../db/tenant';
import { replaceTimeWindows } from '../../db/work-order-files';
import { workOrderExists } from '../../db/work-order-records';
import { parsePlanId, planIdOf } from '../../domain/dispatch/index';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema } from '../schemas/common';
import { ApproveBody, CheckBody, CreatePlanBody, PlanParams, PlanSchema, RejectBody, UrgentBody, WindowsBody, WindowsParams } from '../schemas/dispatch';

const planResponses = {
  200: { description: 'The plan and its current proposal', schema: PlanSchema },
  404: { description: 'No such plan', schema: ProblemSchema },
  409: { description: 'Nothing awaits approval, or a newer proposal replaced the one named', schema: ProblemSchema },
  422: { description: 'Malformed edits, or edits that break constraints (listed in `violations`)', schema: ProblemSchema },
};

const dispatchGroup = routeGroup({ tag: 'dispatch', access: ACCESS.dispatch });

/**
 * Dispatch plans: one dispatch workflow per date and region. A plan's id is an opaque
 * encoding of its date and region; the workflow id is prefixed by the caller's org.
 */
export function dispatchRoutes(deps: ApiDeps) {
  const plans = dispatchClient(deps);

  async function viewOf(plan: DispatchPlanRef) {
    const view = await plans.view(plan);
    if (!view) throw notFound('Dispatch plan');
    return present(view, plan);
  }

  const create = dispatchGroup.post('/dispatch/plans', {
    operationId: 'planDispatch', summary: "Plan a day: start (or find) the dispatch workflow for the date and region",
    body: CreatePlanBody,
    responses: { 201: { description: 'The plan (planning, or further along if it already existed)', schema: PlanSchema } },
    async handler({ auth, body }) {
      await plans.plan({
        orgId: auth.orgId, date: body.date, region: body.region, requestedBy: auth.userId, timeLimitSeconds: body.timeLimitSeconds,
        ...(body.seed !== undefined && { seed: body.seed }), approvalTimeoutSeconds: body.approvalTimeoutSeconds, timeoutPolicy: body.timeoutPolicy,
      });
      return { status: 201, body: await viewOf({ orgId: auth.orgId, date: body.date, region: body.region }) };
    },
  });

  const show = dispatchGroup.get('/dispatch/plans/{id}', {
    operationId: 'getDispatchPlan', summary: 'The plan: status, proposal (routes with ETAs, unassigned jobs with reasons), diff against the committed plan',
    params: PlanParams, responses: planResponses,
    async handler({ auth, params }) {
      return { status: 200, body: await viewOf(planRef(auth, params.id)) };
    },
  });

  const approve = dispatchGroup.post('/dispatch/plans/{id}/approve', {
    operationId: 'approveDispatchPlan', summary: 'Approve the proposal, optionally with edits (move, lock, unassign); answers once the work orders hold their schedule',
    params: PlanParams, body: ApproveBody, responses: planResponses,
    async handler({ auth, params, body }) {
      const plan = planRef(auth, params.id);
      const args = { actorId: auth.userId, ...(body.version !== undefined && { version: body.version }), edits: body.edits };
      return { status: 200, body: present(answered(await plans.approve(plan, args)), plan) };
    },
  });

  const check = dispatchGroup.post('/dispatch/plans/{id}/check', {
    operationId: 'checkDispatchPlan', summary: 'Re-check edits without approving: the edited proposal (times recomputed) and the constraints it breaks',
    params: PlanParams, body: CheckBody,
    responses: { 200: { description: 'The edited proposal and its violations (empty when feasible)' }, 404: planResponses[404], 409: planResponses[409], 422: planResponses[422] },
    async handler({ auth, params, body }) {
      return { status: 200, body: answered(await plans.check(planRef(auth, params.id), { edits: body.edits })) };
    },
  });

  const reject = dispatchGroup.post('/dispatch/plans/{id}/reject', {
    operationId: 'rejectDispatchPlan', summary: 'Reject the proposal and plan again; answers with the new proposal',
    params: PlanParams, body: RejectBody, responses: planResponses,
    async handler({ auth, params, body }) {
      const plan = planRef(auth, params.id);
      const view = answered(await plans.reject(plan, { actorId: auth.userId, ...(body.reason && { reason: body.reason }) }));
      return { status: 200, body: present(view, plan) };
    },
  });

  const urgent = dispatchGroup.post('/dispatch/plans/{id}/urgent', {
    operationId: 'replanDispatchUrgently', summary: 'Urgent work arrived: the plan proposes an incremental re-plan keeping started and locked jobs',
    params: PlanParams, body: UrgentBody,
    responses: { 202: { description: 'Re-planning', schema: PlanSchema }, 404: planResponses[404] },
    async handler({ auth, params, body }) {
      const plan = planRef(auth, params.id);
      const exists = await withTenant(deps.db, auth, (trx) => workOrderExists(trx, auth.orgId, body.workOrderNumber));
      if (!exists) throw notFound(`Work order #${body.workOrderNumber}`);
      if (!(await plans.urgentWorkOrder(plan, body.workOrderNumber)).ok) throw notFound('Dispatch plan');
      return { status: 202, body: await viewOf(plan) };
    },
  });

  const windows = dispatchGroup.put('/dispatch/work-orders/{number}/windows', {
    operationId: 'setWorkOrderWindows', summary: "Set when the customer can be visited (the windows dispatch plans within)",
    params: WindowsParams, body: WindowsBody,
    responses: { 204: { description: 'Saved' }, 404: planResponses[404] },
    async handler({ auth, params, body }) {
      await withTenant(deps.db, auth, async (trx) => {
        if (!(await workOrderExists(trx, auth.orgId, params.number))) throw notFound(`Work order #${params.number}`);
        // One window per start time: a window sent twice is kept once.
        await replaceTimeWindows(trx, auth.orgId, params.number, [...new Map(body.windows.map((w) => [Date.parse(w.start), w])).values()]);
      });
      return { status: 204 };
    },
  });

  return [create, show, approve, check, reject, urgent, windows];
}

/** The plan an id names, in the caller's org (an id of another org's plan names one of the caller's, or none). */
function planRef(auth: Auth, id: string): DispatchPlanRef {
  const key = parsePlanId(id);
  if (!key) throw notFound('Dispatch plan');
  return { orgId: auth.orgId, ...key };
}

function present(view: DispatchView, { date, region }: DispatchPlanRef): z.infer<typeof PlanSchema> {
  return {
    id: planIdOf(date, region), date, region, status: view.status, version: view.version, trigger: view.trigger, proposal: view.proposal as never,
    committed: view.committed as never, committedVersion: view.committedVersion, changes: view.changes, locks: view.locks, technicianIds: view.technicianIds, sites: view.sites, homes: view.homes, escalated: view.escalated,
    approvedBy: view.approvedBy, autoApproved: view.autoApproved,
  };
}

/** The value of an answered Update, or the problem its refusal stands for. */
function answered<T>(answer: DispatchAnswer<T>): T {
  if (answer.ok) return answer.value;
  switch (answer.refusal) {
    case 'not_running':
      throw notFound('Dispatch plan');
    case 'notAwaiting':
      throw new Problem(409, 'dispatch-not-awaiting-approval', 'Nothing awaits approval', { detail: answer.message });
    case 'stale':
      throw new Problem(409, 'dispatch-stale-proposal', 'A newer proposal replaced this one', { detail: answer.message });
    case 'invalidEdits':
      throw new Problem(422, 'dispatch-invalid-edits', 'The edits do not fit this proposal', { detail: answer.message });
    case 'violations':
      throw new Problem(422, 'dispatch-violations', 'The edited plan breaks constraints', {
        detail: answer.message, violations: answer.violations, proposal: answer.proposal,
      });
    case 'refused':
    case 'not_recorded':
      // Not a refusal the plan names: thrown as the Update failed, for the error middleware.
      throw answer.cause;
  }
}
