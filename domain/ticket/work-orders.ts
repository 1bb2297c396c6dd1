import type { TicketEvent } from './events';
import type { TicketState } from './state';
import { canTransition } from './status';

/** What a work order opened from a ticket tells that ticket. */
export type WorkOrderNotice =
  | { change: 'linked'; workOrderNumber: number; title: string }
  | { change: 'signed_off'; workOrderNumber: number; title: string; summary: string; solve: boolean };

/**
 * A linked work order's news on the ticket's timeline: `work_order_linked` when it is opened;
 * `work_order_signed_off` with an internal note summarising the visit when it is signed off,
 * and the ticket solved if the work order asked for it and the lifecycle allows it.
 */
export function workOrderNoticeEvents(state: TicketState, notice: WorkOrderNotice): { events: TicketEvent[]; changes: Partial<TicketState> } {
  const ref = { workOrderNumber: notice.workOrderNumber, title: notice.title };
  if (notice.change === 'linked') return { events: [{ type: 'work_order_linked', data: ref }], changes: {} };
  const events: TicketEvent[] = [
    { type: 'work_order_signed_off', data: ref },
    { type: 'replied', data: { body: notice.summary, visibility: 'internal' } },
  ];
  if (notice.solve && state.status !== 'solved' && canTransition(state.status, 'solved')) {
    events.push({ type: 'status_changed', data: { from: state.status, to: 'solved' } });
    return { events, changes: { status: 'solved' } };
  }
  return { events, changes: {} };
}
