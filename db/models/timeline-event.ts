import { EntityEvent } from './entity-event';
import type { TicketEventsRow } from '../table-rows.generated';

/** One accepted change on a ticket's timeline. */
export interface TimelineEvent extends TicketEventsRow {}
export class TimelineEvent extends EntityEvent {
  static override tableName = 'ticket_events';
  static override idColumn = ['org_id', 'ticket_number', 'seq', 'part'];
}
