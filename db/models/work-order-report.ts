import type { RelationMappings } from 'objection';
import { belongsToInTenant } from './tenant-relations';
import { TenantRow } from './tenant-rows';
import { WorkOrder } from './work-order';

/** The signed-off service report of a work order: its PDF and the customer's rating. */
export class WorkOrderReport extends TenantRow {
  static override tableName = 'work_order_reports';
  static override idColumn = ['org_id', 'work_order_number'];

  declare work_order_number: number;
  declare pdf: Buffer;
  declare rating_token: string;
  declare mailed_to: string | null;
  declare mailed_at: Date | null;
  declare rating: number | null;
  declare rating_comment: string | null;
  declare created_at: Date;

  static override get relationMappings(): RelationMappings {
    return {
      workOrder: belongsToInTenant(this, 'work_order_number', WorkOrder, 'number'),
    };
  }
}
