import { TenantRow } from './tenant-rows';
import type { WorkOrderPartsRow } from '../table-rows.generated';

/** A part used on a work order. */
export interface WorkOrderPart extends WorkOrderPartsRow {}
export class WorkOrderPart extends TenantRow {
  static override tableName = 'work_order_parts';
  static override idColumn = ['org_id', 'work_order_number', 'line_id'];
}
