import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { WORK_ORDER_FAILURES, workOrderWorkflowId, type NewWorkOrder, type WorkOrderState } from '../domain/work-order/index';
import { openingAttributes } from '../workflows/search-attributes';
import { workOrderWorkflow } from '../workflows/work-order';
import { workOrderMessages, type ScheduleArgs, type UnscheduleArgs } from '../workflows/work-order-messages';
import { commandSenders, queryOrNull, sendUpdate, startWithUpdate, type Answer, type CommandOptions, type CommandSender, type NamesOf, type UpdateArgsOf } from './updates';

export type { CommandOptions };

/** How a work order's workflow refuses: `work_order_closed`, `checklist_incomplete`, ... (see `WORK_ORDER_FAILURES`). */
export type WorkOrderRefusalName = NamesOf<typeof WORK_ORDER_FAILURES>;
export type WorkOrderAnswer<T = WorkOrderState> = Answer<T, WorkOrderRefusalName>;
export type WorkOrderRefusal = Extract<WorkOrderAnswer<unknown>, { ok: false }>;

/** The commands sent to a work order, by name, with their arguments. */
export type WorkOrderCommandArgs = UpdateArgsOf<typeof COMMANDS>;
export type WorkOrderCommandName = keyof WorkOrderCommandArgs;

/** Each command Update, answered with the work order's state once the change is in Postgres. */
export type WorkOrderCommands = { [K in WorkOrderCommandName]: CommandSender<WorkOrderCommandArgs[K], WorkOrderState, WorkOrderRefusalName> };

/** Everything addressed to a work order that already runs: needs only the Temporal client. */
export interface LiveWorkOrderClient extends WorkOrderCommands {
  /**
   * The `schedule` a committed dispatch plan sends: one Update per plan version and work
   * order, so a retried commit schedules nothing twice.
   */
  scheduleForDispatch(orgId: string, number: number, args: ScheduleArgs, plan: { planId: string; version: number }): Promise<WorkOrderAnswer>;
  /** The `unschedule` of a job an approved plan leaves unassigned: likewise one Update per plan version and work order. */
  unscheduleForDispatch(orgId: string, number: number, args: UnscheduleArgs, plan: { planId: string; version: number }): Promise<WorkOrderAnswer>;
  /** The live state of the work order's workflow, or null when there is none. */
  state(orgId: string, number: number): Promise<WorkOrderState | null>;
}

export interface WorkOrderClient extends LiveWorkOrderClient {
  /**
   * Opens a work order whose number is allocated: starts its workflow and answers once it has
   * written the row. Idempotent by workflow id (`null` once that workflow has ended).
   */
  open(workOrder: NewWorkOrder): Promise<WorkOrderAnswer<WorkOrderState | null>>;
}

const COMMANDS = {
  schedule: workOrderMessages.schedule,
  unschedule: workOrderMessages.unschedule,
  transition: workOrderMessages.transition,
  setEta: workOrderMessages.setEta,
  checkItem: workOrderMessages.checkItem,
  useParts: workOrderMessages.useParts,
  addNote: workOrderMessages.addNote,
  addPhoto: workOrderMessages.addPhoto,
  sign: workOrderMessages.sign,
  waiveSignature: workOrderMessages.waiveSignature,
};

/** The client of running work orders (an activity driving them has no task queue to start one on). */
export function liveWorkOrderClient(temporal: Client): LiveWorkOrderClient {
  // The workflow id carries the org, so a caller reaches only its own org's work orders.
  const handleOf = (orgId: string, number: number) => temporal.workflow.getHandle(workOrderWorkflowId(orgId, number));

  return {
    ...commandSenders<WorkOrderCommandArgs, WorkOrderState, typeof WORK_ORDER_FAILURES>(handleOf, COMMANDS, WORK_ORDER_FAILURES),

    scheduleForDispatch(orgId, number, args, plan) {
      const updateId = `dispatch:${plan.planId}:${plan.version}:${number}`;
      return sendUpdate(handleOf(orgId, number), workOrderMessages.schedule, args, WORK_ORDER_FAILURES, updateId);
    },

    unscheduleForDispatch(orgId, number, args, plan) {
      const updateId = `dispatch-unassign:${plan.planId}:${plan.version}:${number}`;
      return sendUpdate(handleOf(orgId, number), workOrderMessages.unschedule, args, WORK_ORDER_FAILURES, updateId);
    },

    state: (orgId, number) => queryOrNull(handleOf(orgId, number), workOrderMessages.state),
  };
}

/** The only code that knows a work order's workflow id, its Update names and how it starts. */
export function workOrderClient(deps: { temporal: Client; taskQueue: string }): WorkOrderClient {
  return {
    ...liveWorkOrderClient(deps.temporal),
    open(workOrder) {
      const start = new WithStartWorkflowOperation(workOrderWorkflow, {
        workflowId: workOrderWorkflowId(workOrder.orgId, workOrder.number),
        taskQueue: deps.taskQueue,
        args: [{ kind: 'new', workOrder }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: openingAttributes({ orgId: workOrder.orgId, type: 'work_order', status: 'created', priority: workOrder.priority }),
      });
      return startWithUpdate(deps.temporal, start, workOrderMessages.created, WORK_ORDER_FAILURES);
    },
  };
}
