import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DispatchCommitActivities } from '../activities/dispatch-commit';
import type { DispatchOptimizerActivities } from '../activities/dispatch-optimizer';
import type { DispatchRecordActivities } from '../activities/dispatch-records';
import {
  assignmentOf,
  dayOrigin,
  diffProposals,
  editsProblem,
  nextDay,
  type DispatchSnapshot,
  type Proposal,
} from '../domain/dispatch/index';
import { REFUSAL_TYPES } from './retry-policies';
import { taskQueueFor } from './task-queues';
import { DISPATCH_FAILURES, dispatchMessages, type DispatchView, type DispatchWorkflowInput, type ViolationDetails } from './dispatch-messages';

export type { DispatchWorkflowInput } from './dispatch-messages';

const { gatherDispatchSnapshot, recordDispatchPlan, evaluateDispatchEdits } = proxyActivities<DispatchRecordActivities & DispatchOptimizerActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 20, nonRetryableErrorTypes: REFUSAL_TYPES },
});

const { commitDispatchSchedule } = proxyActivities<DispatchCommitActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 20, nonRetryableErrorTypes: REFUSAL_TYPES },
});

const refusal = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

interface Approval {
  proposal: Proposal;
  by: string | null;
  auto: boolean;
  version: number;
}

/**
 * One planning horizon (a date and a region): gather the day's work orders and technicians,
 * run the optimizer (a heartbeating, cancellable activity), propose, and wait for the
 * dispatcher to approve (with edits, re-checked), reject (re-plan), or for the timeout's
 * policy. An approved plan is committed to each work order's workflow. Urgent work arriving
 * later in the day produces an incremental re-plan that keeps started and locked jobs.
 */
export async function dispatchWorkflow(input: DispatchWorkflowInput): Promise<DispatchView> {
  const planId = workflowInfo().workflowId;
  // Plans started before this ran the search on their own (core) queue, next to ticket workflows.
  const optimizerQueue = patched('optimizer-queue') ? taskQueueFor(workflowInfo().taskQueue, 'optimizer') : undefined;
  const view: DispatchView = {
    date: input.date, region: input.region, status: 'planning', version: 0, trigger: 'initial', proposal: null, changes: [],
    committed: null, committedVersion: 0, locks: {}, technicianIds: [], sites: {}, homes: {}, escalated: false, approvedBy: null, autoApproved: false, planning: true,
  };
  let snapshot: DispatchSnapshot | null = null;
  let approval: Approval | null = null;
  let rejected = false;
  let rejectReason: string | null = null;
  let urgent = 0;
  let urgentSeen = 0;

  setHandler(dispatchMessages.proposal, () => view);

  setHandler(dispatchMessages.urgentWorkOrder, () => {
    urgent++;
  });

  setHandler(
    dispatchMessages.approve,
    async (args) => {
      const version = view.version;
      const proposal = view.proposal!;
      let approved = proposal;
      if (args.edits && args.edits.length > 0) {
        view.status = 'reviewing';
        try {
          const evaluation = await evaluateDispatchEdits({ snapshot: snapshot!, assignment: assignmentOf(proposal), edits: args.edits, locks: view.locks });
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
      approval = { proposal: approved, by: args.actorId, auto: false, version };
      await condition(() => view.committedVersion >= version);
      return view;
    },
    {
      validator: (args) => {
        if (view.status !== 'proposed' || !view.proposal || approval) throw refusal(DISPATCH_FAILURES.notAwaiting, `There is no proposal awaiting approval (the plan is ${view.status}).`);
        if (args.version !== undefined && args.version !== view.version) throw refusal(DISPATCH_FAILURES.stale, `Proposal ${args.version} was replaced by proposal ${view.version}.`);
        const problem = editsProblem(view.proposal, view.technicianIds, args.edits ?? []);
        if (problem) throw refusal(DISPATCH_FAILURES.invalidEdits, problem);
      },
    },
  );

  setHandler(
    dispatchMessages.check,
    async (args) => {
      const evaluation = await evaluateDispatchEdits({ snapshot: snapshot!, assignment: assignmentOf(view.proposal!), edits: args.edits, locks: view.locks });
      return { violations: [...evaluation.violations], proposal: evaluation.proposal };
    },
    {
      validator: (args) => {
        if (!view.proposal || !snapshot || view.status === 'planning') throw refusal(DISPATCH_FAILURES.notAwaiting, 'There is no proposal to check edits against yet.');
        const problem = editsProblem(view.proposal, view.technicianIds, args.edits);
        if (problem) throw refusal(DISPATCH_FAILURES.invalidEdits, problem);
      },
    },
  );

  setHandler(
    dispatchMessages.reject,
    async (args) => {
      const version = view.version;
      rejected = true;
      rejectReason = args.reason ?? null;
      await condition(() => view.version > version && view.status !== 'planning');
      return view;
    },
    {
      validator: (args) => {
        if (typeof args !== 'object' || args === null) throw refusal(DISPATCH_FAILURES.invalidEdits, 'reject needs { actorId, reason? }.');
        if (view.status !== 'proposed' || approval) throw refusal(DISPATCH_FAILURES.notAwaiting, `There is no proposal awaiting approval (the plan is ${view.status}).`);
      },
    },
  );

  const record = (type: Parameters<typeof recordDispatchPlan>[0]['event']['type'], data: Record<string, unknown> = {}) =>
    recordDispatchPlan({
      orgId: input.orgId, planId, date: input.date, region: input.region, status: view.status, version: view.version, proposal: view.proposal,
      event: { key: `${view.version}:${type}`, type, data }, approvedBy: approval?.by ?? null,
    });

  // Plans until a proposal is made; urgent work arriving meanwhile cancels the run and starts over.
  const plan = async (): Promise<void> => {
    for (;;) {
      view.status = 'planning';
      view.planning = true;
      urgentSeen = urgent;
      snapshot = await gatherDispatchSnapshot({ orgId: input.orgId, date: input.date, region: input.region });
      const scope = new CancellationScope();
      const { optimizeDispatch } = proxyActivities<DispatchOptimizerActivities>({
        startToCloseTimeout: `${input.timeLimitSeconds + 60} seconds`,
        heartbeatTimeout: '10 seconds',
        retry: { initialInterval: '1 second', maximumAttempts: 3, nonRetryableErrorTypes: REFUSAL_TYPES },
        cancellationType: 'WAIT_CANCELLATION_COMPLETED',
        ...(optimizerQueue && { taskQueue: optimizerQueue }),
      });
      const current = view.committed ? assignmentOf(view.committed) : null;
      const run = scope.run(() =>
        optimizeDispatch({ snapshot: snapshot!, locks: view.locks, current, timeLimitMs: input.timeLimitSeconds * 1000, seed: (input.seed ?? 1) + view.version }),
      );
      const interrupted = condition(() => urgent > urgentSeen).then(() => scope.cancel());
      void interrupted;
      try {
        const proposal = await run;
        view.version++;
        view.proposal = proposal;
        view.changes = diffProposals(view.committed, proposal);
        view.technicianIds = snapshot.technicians.map((t) => t.id);
        view.homes = Object.fromEntries(snapshot.technicians.map((t) => [t.id, t.home]));
        view.sites = Object.fromEntries(snapshot.workOrders.flatMap((wo) => (wo.location ? [[String(wo.number), wo.location]] : [])));
        view.escalated = false;
        view.planning = false;
        view.status = 'proposed';
        return;
      } catch (error) {
        if (!isCancellation(error)) throw error;
      }
    }
  };

  const timeoutMs = input.approvalTimeoutSeconds * 1000;
  for (;;) {
    await plan();
    await record(view.trigger === 'urgent' ? 'urgent_replan' : 'proposed', { changes: view.changes.filter((c) => c.kind !== 'unchanged').length });

    // Wait for the dispatcher, the timeout's policy, or urgent work (which re-plans first).
    const decided = () => approval !== null || rejected || (urgent > urgentSeen && view.status === 'proposed');
    let next: 'approve' | 'reject' | 'urgent' | null = null;
    while (next === null) {
      if (!view.escalated && !(await condition(decided, timeoutMs))) {
        if (view.status === 'reviewing') continue;
        if (input.timeoutPolicy === 'auto_approve') {
          approval = { proposal: view.proposal!, by: null, auto: true, version: view.version };
        } else {
          // The plan's row says so first: whoever sees `escalated` in the view can read it there.
          await record('escalated', { afterSeconds: input.approvalTimeoutSeconds });
          view.escalated = true;
          continue;
        }
      }
      if (view.escalated) await condition(decided);
      next = approval ? 'approve' : rejected ? 'reject' : 'urgent';
    }

    if (next === 'reject') {
      rejected = false;
      view.trigger = 'rejected';
      await record('rejected', { reason: rejectReason });
      continue;
    }
    if (next === 'urgent') {
      view.trigger = 'urgent';
      continue;
    }

    const accepted: Approval = approval!;
    view.status = 'committing';
    view.proposal = accepted.proposal;
    view.approvedBy = accepted.by;
    view.autoApproved = accepted.auto;
    await record(accepted.auto ? 'auto_approved' : 'approved', { by: accepted.by });
    const result = await commitDispatchSchedule({
      orgId: input.orgId, planId, date: input.date, version: accepted.version, proposal: accepted.proposal, technicians: [...snapshot!.technicians], actorId: accepted.by,
    });
    approval = null;
    await record('committed', { scheduled: result.scheduled, refused: result.refused, notified: result.notified });
    // Last, and together: a reader of the view never sees `committed` before its record is
    // written or without its version; the approval answers now.
    view.committed = accepted.proposal;
    view.changes = [];
    view.status = 'committed';
    view.committedVersion = accepted.version;

    // The plan stands until the day is over, or urgent work asks for a re-plan.
    const untilDayEnds = Math.max(0, dayOrigin(nextDay(input.date)) - Date.now());
    if (!(await condition(() => urgent > urgentSeen, untilDayEnds))) break;
    view.trigger = 'urgent';
  }
  return view;
}
