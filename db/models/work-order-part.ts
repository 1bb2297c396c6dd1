import { TenantRow } from './tenant-rows';

/** A part used on a work order. */
export class WorkOrderPart extends TenantRow {
  static override tableName = 'work_order_parts';
  static override idColumn = ['org_id', 'work_order_number', 'line_id'];

  declare work_order_number: number;
  declare line_id: string;
  declare item_id: string;
  declare location_id: string;
  declare quantity: string;
  declare created_at: Date;
}
