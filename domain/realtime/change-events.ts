import type { TicketEvent, TicketState } from '../ticket/index';
import type { WorkOrderEvent, WorkOrderState } from '../work-order/index';
import type { NewEvent } from './event';
import { ticketTopic, workOrderTopic } from './topics';

/** One recorded change of a ticket or a work order: the timeline entries it wrote, under one sequence. */
interface RecordChange<E> {
  number: number;
  seq: number;
  actorId: string | null;
  occurredAt: string;
  events: readonly E[];
}

export interface TicketChange extends RecordChange<TicketEvent> {
  /** The ticket after the change: what a queue row shows, so a list updates without a fetch. */
  state: Pick<TicketState, 'status' | 'priority' | 'assigneeId' | 'teamId'>;
}

export interface WorkOrderChange extends RecordChange<WorkOrderEvent> {
  /** The work order after the change (absent at its creation): what the board places. */
  state?: Pick<WorkOrderState, 'status' | 'technicianId' | 'windowStart' | 'windowEnd' | 'etaAt'>;
}

/**
 * A ticket change as log events, one per timeline entry. Message bodies stay on the timeline:
 * the event says that a reply came and how it is visible, and the console fetches the text.
 */
export function ticketChangeEvents(change: TicketChange): NewEvent[] {
  const { status, priority, assigneeId, teamId } = change.state;
  return changeEvents('ticket', ticketTopic(change.number), change, { ticket: { status, priority, assigneeId, teamId } }, (event) => {
    if (event.type === 'replied') return { visibility: event.data.visibility };
    if (event.type === 'customer_replied') return { automated: event.data.email?.automated ?? false };
    return event.data;
  });
}

/** A work-order change as log events, one per timeline entry; note bodies stay on the timeline. */
export function workOrderChangeEvents(change: WorkOrderChange): NewEvent[] {
  const state = change.state && {
    workOrder: {
      status: change.state.status, technicianId: change.state.technicianId,
      windowStart: change.state.windowStart, windowEnd: change.state.windowEnd, etaAt: change.state.etaAt,
    },
  };
  return changeEvents('work_order', workOrderTopic(change.number), change, state ?? {}, (event) =>
    event.type === 'note_added' ? { noteId: event.data.noteId } : event.data,
  );
}

function changeEvents<E extends { type: string }>(
  entity: string,
  topic: string,
  change: RecordChange<E>,
  after: Record<string, unknown>,
  entry: (event: E) => object,
): NewEvent[] {
  return change.events.map((event) => ({
    type: `${entity}.${event.type}`,
    topic,
    at: change.occurredAt,
    data: { number: change.number, version: change.seq, actorId: change.actorId, ...after, entry: entry(event) },
  }));
}
