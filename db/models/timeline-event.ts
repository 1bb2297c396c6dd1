import { EntityEvent } from './entity-event';

/** One accepted change on a ticket's timeline. */
export class TimelineEvent extends EntityEvent {
  static override tableName = 'ticket_events';
  static override idColumn = ['org_id', 'ticket_number', 'seq', 'part'];

  declare ticket_number: number;
}
