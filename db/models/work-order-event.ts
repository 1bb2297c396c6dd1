import { EntityEvent } from './entity-event';
import type { WorkOrderEventsRow } from '../table-rows.generated';

/** One accepted change on a work order's timeline. */
export interface WorkOrderEvent extends WorkOrderEventsRow {}
export class WorkOrderEvent extends EntityEvent {
  static override tableName = 'work_order_events';
  static override idColumn = ['org_id', 'work_order_number', 'seq', 'part'];
}
