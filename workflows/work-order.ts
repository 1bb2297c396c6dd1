import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { WorkOrderRecordActivities } from '../activities/work-order-records';
import type { WorkOrderReportActivities } from '../activities/work-order-report';
import {
  WORK_ORDER_FAILURES,
  decide,
  initialWorkOrderState,
  isFinal,
  workOrderWorkflowId,
  type NewWorkOrder,
  type WorkOrderCommand,
  type WorkOrderRejection,
  type WorkOrderState,
} from '../domain/work-order/index';
import { ticketWorkflowId } from '../domain/ticket/state';
import { AssigneeId, Priority, Status, openingAttributes } from './search-attributes';
import { createSerializer } from './serializer';
import { RECORD_WRITE_RETRY, REFUSAL_TYPES } from './retry-policies';
import { ticketWorkOrderSignal, workOrderMessages, type TicketWorkOrderNotice } from './work-order-messages';

export type WorkOrderWorkflowInput = { kind: 'new'; workOrder: NewWorkOrder };

// Like a ticket's, a work order's writes are short Postgres transactions keyed by the change's
// sequence number: local activities, retried harmlessly.
const { createWorkOrderRecord, recordWorkOrderChange } = proxyLocalActivities<WorkOrderRecordActivities>({
  startToCloseTimeout: '15 seconds',
  retry: RECORD_WRITE_RETRY,
});

// The report renders a PDF and may talk to an SMTP server: a regular activity with retries.
const { produceServiceReport } = proxyActivities<WorkOrderReportActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10, nonRetryableErrorTypes: REFUSAL_TYPES },
});

const { allocateMaintenanceWorkOrder } = proxyLocalActivities<WorkOrderRecordActivities>({
  startToCloseTimeout: '15 seconds',
  retry: RECORD_WRITE_RETRY,
});

/**
 * One work order, from creation until it is signed off or cancelled. Every transition and
 * technician update is an Update decided by `domain/work-order`, written by an activity, and
 * only then the workflow's state. A work order opened from a ticket tells that ticket's
 * workflow (a signal), which records it on the ticket's own timeline.
 */
export async function workOrderWorkflow(input: WorkOrderWorkflowInput): Promise<WorkOrderState> {
  const { workOrder } = input;
  let state: WorkOrderState = initialWorkOrderState(workOrder);
  let recorded = false;
  const serialize = createSerializer();
  const now = () => new Date().toISOString();

  const execute = (command: WorkOrderCommand): Promise<WorkOrderState> =>
    serialize(async () => {
      const occurredAt = now();
      const result = decide(state, command, occurredAt);
      if (!result.ok) throw rejectionFailure(result.rejection);
      const { events, state: next } = result.decision;
      if (events.length === 0) return state;
      try {
        await recordWorkOrderChange({ orgId: state.orgId, number: state.number, seq: next.version, actorId: command.actorId, events, state: next, occurredAt });
      } catch (error) {
        // Business refusals from the write (unknown technician, no stock) go back to the caller.
        if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) throw error.cause;
        throw error;
      }
      state = next;
      publishSearchAttributes(state);
      return state;
    });
  const validate = (command: WorkOrderCommand): void => {
    const result = decide(state, command, now());
    if (!result.ok) throw rejectionFailure(result.rejection);
  };

  setHandler(workOrderMessages.state, () => state);
  setHandler(workOrderMessages.created, async () => {
    await condition(() => recorded);
    return state;
  });
  setHandler(workOrderMessages.schedule, (args) => execute({ kind: 'schedule', ...args }), { validator: (args) => validate({ kind: 'schedule', ...args }) });
  // A new Update: registering its handler adds no command, so earlier histories replay
  // unchanged without a patch (test/replay: work-order-unscheduled).
  setHandler(workOrderMessages.unschedule, (args) => execute({ kind: 'unschedule', ...args }), { validator: (args) => validate({ kind: 'unschedule', ...args }) });
  setHandler(workOrderMessages.transition, (args) => execute({ kind: 'transition', ...args }), { validator: (args) => validate({ kind: 'transition', ...args }) });
  setHandler(workOrderMessages.setEta, (args) => execute({ kind: 'setEta', ...args }), { validator: (args) => validate({ kind: 'setEta', ...args }) });
  setHandler(workOrderMessages.checkItem, (args) => execute({ kind: 'checkItem', ...args }), { validator: (args) => validate({ kind: 'checkItem', ...args }) });
  setHandler(workOrderMessages.useParts, (args) => execute({ kind: 'useParts', ...args }), { validator: (args) => validate({ kind: 'useParts', ...args }) });
  setHandler(workOrderMessages.addNote, (args) => execute({ kind: 'addNote', ...args }), { validator: (args) => validate({ kind: 'addNote', ...args }) });
  setHandler(workOrderMessages.addPhoto, (args) => execute({ kind: 'addPhoto', ...args }), { validator: (args) => validate({ kind: 'addPhoto', ...args }) });
  setHandler(workOrderMessages.sign, (args) => execute({ kind: 'sign', ...args }), { validator: (args) => validate({ kind: 'sign', ...args }) });
  setHandler(workOrderMessages.waiveSignature, (args) => execute({ kind: 'waiveSignature', ...args }), {
    validator: (args) => validate({ kind: 'waiveSignature', ...args }),
  });

  await createWorkOrderRecord({ workOrder, occurredAt: now() });
  recorded = true;
  if (workOrder.ticketNumber !== null) {
    await notifyTicket(workOrder.ticketNumber, { change: 'linked', workOrderNumber: workOrder.number, title: workOrder.title });
  }

  await condition(() => isFinal(state.status));
  if (state.status === 'signed_off') {
    const report = await produceServiceReport({ orgId: state.orgId, number: state.number });
    await execute({ kind: 'recordReport', actorId: null, mailedTo: report.mailedTo });
    if (workOrder.ticketNumber !== null) {
      await notifyTicket(workOrder.ticketNumber, {
        change: 'signed_off',
        workOrderNumber: state.number,
        title: state.title,
        summary: report.summary,
        solve: workOrder.solveTicketOnSignOff,
      });
    }
  }
  await condition(allHandlersFinished);
  return state;

  async function notifyTicket(ticketNumber: number, notice: TicketWorkOrderNotice): Promise<void> {
    try {
      await getExternalWorkflowHandle(ticketWorkflowId(workOrder.orgId, ticketNumber)).signal(ticketWorkOrderSignal, notice);
    } catch (error) {
      // A closed ticket's workflow has ended: the work order still stands on its own.
      log.warn('could not notify the ticket of its work order', { ticketNumber, error: String(error) });
    }
  }
}

export interface MaintenanceRunInput {
  orgId: string;
  planId: string;
}

/**
 * What a maintenance plan's Temporal Schedule starts on each run: allocates the run's work
 * order (once per run, keyed by this workflow's id) and starts its work-order workflow, which
 * outlives this one.
 */
export async function maintenanceRunWorkflow(input: MaintenanceRunInput): Promise<number | null> {
  const runKey = workflowInfo().workflowId;
  const workOrder = await allocateMaintenanceWorkOrder({ orgId: input.orgId, planId: input.planId, runKey });
  if (!workOrder) return null;
  try {
    await startChild(workOrderWorkflow, {
      workflowId: workOrderWorkflowId(workOrder.orgId, workOrder.number),
      args: [{ kind: 'new', workOrder }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: openingAttributes({ orgId: workOrder.orgId, type: 'work_order', status: 'created', priority: workOrder.priority }),
    });
  } catch (error) {
    // Started by an earlier attempt of this run.
    if (!(error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError')) throw error;
  }
  return workOrder.number;
}

function rejectionFailure(rejection: WorkOrderRejection): ApplicationFailure {
  return ApplicationFailure.create({ message: rejection.message, type: WORK_ORDER_FAILURES[rejection.code], nonRetryable: true });
}

function publishSearchAttributes(state: WorkOrderState): void {
  upsertSearchAttributes([
    { key: Status, value: state.status },
    { key: Priority, value: state.priority },
    { key: AssigneeId, value: state.technicianId },
  ]);
}
