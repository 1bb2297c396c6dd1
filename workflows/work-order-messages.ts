import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { WorkOrderNotice } from '../domain/ticket/work-orders';
import type { WorkOrderCommand, WorkOrderState } from '../domain/work-order/index';

type ArgsOf<K extends WorkOrderCommand['kind']> = Omit<Extract<WorkOrderCommand, { kind: K }>, 'kind'>;

/** Arguments of each command Update: the command without its discriminant. */
export type ScheduleArgs = ArgsOf<'schedule'>;
export type UnscheduleArgs = ArgsOf<'unschedule'>;
export type TransitionArgs = ArgsOf<'transition'>;
export type SetEtaArgs = ArgsOf<'setEta'>;
export type CheckItemArgs = ArgsOf<'checkItem'>;
export type UsePartsArgs = ArgsOf<'useParts'>;
export type AddNoteArgs = ArgsOf<'addNote'>;
export type AddPhotoArgs = ArgsOf<'addPhoto'>;
export type SignArgs = ArgsOf<'sign'>;
export type WaiveSignatureArgs = ArgsOf<'waiveSignature'>;

/**
 * Declared once, imported by the workflow and by the API. Every transition and technician
 * update is an Update: validated against the live state by a synchronous validator, answered
 * after the change is in Postgres.
 */
export const workOrderMessages = {
  /** Answers once the work order's row exists: lets the creator read its own write. */
  created: defineUpdate<WorkOrderState>('workOrder.created'),
  /** Commit a technician and a time window (dispatchers, and the dispatch workflow). */
  schedule: defineUpdate<WorkOrderState, [ScheduleArgs]>('workOrder.schedule'),
  /** Take the technician and window off a job not yet under way: back to `created`. */
  unschedule: defineUpdate<WorkOrderState, [UnscheduleArgs]>('workOrder.unschedule'),
  /** Move through the lifecycle: dispatched, en_route, on_site, completed, signed_off, on_hold, cancelled, or back from hold. */
  transition: defineUpdate<WorkOrderState, [TransitionArgs]>('workOrder.transition'),
  setEta: defineUpdate<WorkOrderState, [SetEtaArgs]>('workOrder.setEta'),
  checkItem: defineUpdate<WorkOrderState, [CheckItemArgs]>('workOrder.checkItem'),
  useParts: defineUpdate<WorkOrderState, [UsePartsArgs]>('workOrder.useParts'),
  addNote: defineUpdate<WorkOrderState, [AddNoteArgs]>('workOrder.addNote'),
  addPhoto: defineUpdate<WorkOrderState, [AddPhotoArgs]>('workOrder.addPhoto'),
  sign: defineUpdate<WorkOrderState, [SignArgs]>('workOrder.sign'),
  waiveSignature: defineUpdate<WorkOrderState, [WaiveSignatureArgs]>('workOrder.waiveSignature'),
  state: defineQuery<WorkOrderState>('workOrder.state'),
} as const;

/** What a work order tells the ticket it was opened from. */
export type TicketWorkOrderNotice = WorkOrderNotice;

/** Sent by a work-order workflow to its ticket's workflow, which records it on the ticket's timeline. */
export const ticketWorkOrderSignal = defineSignal<[TicketWorkOrderNotice]>('ticket.workOrder');
