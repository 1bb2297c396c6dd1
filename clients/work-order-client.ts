import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { WORK_ORDER_FAILURES, workOrderWorkflowId, type NewWorkOrder, type WorkOrderState } from '../domain/work-order/index';
import { EntityType, OrgId, Priority, Status } from '../workflows/search-attributes';
import { workOrderWorkflow } from '../workflows/work-order';
import {
  workOrderMessages,
  type AddNoteArgs,
  type AddPhotoArgs,
  type CheckItemArgs,
  type ScheduleArgs,
  type SetEtaArgs,
  type SignArgs,
  type TransitionArgs,
  type UsePartsArgs,
  type WaiveSignatureArgs,
} from '../workflows/work-order-messages';
import { sendUpdate, startWithUpdate, updateIdOf, type Answer, type CommandOptions, type NamesOf } from './updates';

export type { CommandOptions };

/** How a work order's workflow refuses: `work_order_closed`, `checklist_incomplete`, ... (see `WORK_ORDER_FAILURES`). */
export type WorkOrderRefusalName = NamesOf<typeof WORK_ORDER_FAILURES>;
export type WorkOrderAnswer<T = WorkOrderState> = Answer<T, WorkOrderRefusalName>;
export type WorkOrderRefusal = Extract<WorkOrderAnswer<unknown>, { ok: false }>;

/** The commands sent to a work order, by name, with their arguments. */
export interface WorkOrderCommandArgs {
  schedule: ScheduleArgs;
  transition: TransitionArgs;
  setEta: SetEtaArgs;
  checkItem: CheckItemArgs;
  useParts: UsePartsArgs;
  addNote: AddNoteArgs;
  addPhoto: AddPhotoArgs;
  sign: SignArgs;
  waiveSignature: WaiveSignatureArgs;
}
export type WorkOrderCommandName = keyof WorkOrderCommandArgs;

type Command<K extends WorkOrderCommandName> = (orgId: string, number: number, args: WorkOrderCommandArgs[K], options?: CommandOptions) => Promise<WorkOrderAnswer>;

/** Each command Update, answered with the work order's state once the change is in Postgres. */
export type WorkOrderCommands = { [K in WorkOrderCommandName]: Command<K> };

/** Everything addressed to a work order that already runs: needs only the Temporal client. */
export interface LiveWorkOrderClient extends WorkOrderCommands {
  /**
   * The `schedule` a committed dispatch plan sends: one Update per plan version and work
   * order, so a retried commit schedules nothing twice.
   */
  scheduleForDispatch(orgId: string, number: number, args: ScheduleArgs, plan: { planId: string; version: number }): Promise<WorkOrderAnswer>;
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

const COMMANDS: { [K in WorkOrderCommandName]: UpdateDefinition<WorkOrderState, [WorkOrderCommandArgs[K]]> } = {
  schedule: workOrderMessages.schedule,
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

  function command<K extends WorkOrderCommandName>(name: K): Command<K> {
    const update = COMMANDS[name];
    return (orgId, number, args, options = {}) =>
      sendUpdate(handleOf(orgId, number), update, args, WORK_ORDER_FAILURES, updateIdOf(update, options.idempotencyKey));
  }

  return {
    schedule: command('schedule'),
    transition: command('transition'),
    setEta: command('setEta'),
    checkItem: command('checkItem'),
    useParts: command('useParts'),
    addNote: command('addNote'),
    addPhoto: command('addPhoto'),
    sign: command('sign'),
    waiveSignature: command('waiveSignature'),

    scheduleForDispatch(orgId, number, args, plan) {
      const updateId = `dispatch:${plan.planId}:${plan.version}:${number}`;
      return sendUpdate(handleOf(orgId, number), workOrderMessages.schedule, args, WORK_ORDER_FAILURES, updateId);
    },

    async state(orgId, number) {
      try {
        return await handleOf(orgId, number).query(workOrderMessages.state);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      }
    },
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
        typedSearchAttributes: [
          { key: OrgId, value: workOrder.orgId },
          { key: EntityType, value: 'work_order' },
          { key: Status, value: 'created' },
          { key: Priority, value: workOrder.priority },
        ],
      });
      return startWithUpdate(deps.temporal, start, workOrderMessages.created, WORK_ORDER_FAILURES);
    },
  };
}
