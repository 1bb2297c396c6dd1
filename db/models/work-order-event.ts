import { EntityEvent } from './entity-event';

/** One accepted change on a work order's timeline. */
export class WorkOrderEvent extends EntityEvent {
  static override tableName = 'work_order_events';
  static override idColumn = ['org_id', 'work_order_number', 'seq', 'part'];

  declare work_order_number: number;
}
