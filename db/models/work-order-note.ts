import { TenantRow } from './tenant-rows';
import type { WorkOrderNotesRow } from '../table-rows.generated';

/** A note on a work order. */
export interface WorkOrderNote extends WorkOrderNotesRow {}
export class WorkOrderNote extends TenantRow {
  static override tableName = 'work_order_notes';
  static override idColumn = ['org_id', 'work_order_number', 'id'];
}
