import type { RelationMappings } from 'objection';
import { belongsToInTenant } from './tenant-relations';
import { TenantRow } from './tenant-rows';
import { WorkOrder } from './work-order';
import type { WorkOrderReportsRow } from '../table-rows.generated';

/** The signed-off service report of a work order: its PDF and the customer's rating. */
export interface WorkOrderReport extends WorkOrderReportsRow {}
export class WorkOrderReport extends TenantRow {
  static override tableName = 'work_order_reports';
  static override idColumn = ['org_id', 'work_order_number'];

  static override relationMappings = (): RelationMappings => ({ workOrder: belongsToInTenant(this, 'work_order_number', WorkOrder, 'number') });
}
