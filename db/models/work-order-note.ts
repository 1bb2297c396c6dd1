import { TenantRow } from './tenant-rows';

/** A note on a work order. */
export class WorkOrderNote extends TenantRow {
  static override tableName = 'work_order_notes';
  static override idColumn = ['org_id', 'work_order_number', 'id'];

  declare work_order_number: number;
  declare id: string;
  declare body: string;
  declare author_id: string | null;
  declare created_at: Date;
}
