import type { RelationMappings } from 'objection';
import { belongsToInTenant, hasManyInTenant } from './tenant-relations';
import { WorkOrderEvent } from './work-order-event';
import { WorkOrderPart } from './work-order-part';
import { WorkOrderNote } from './work-order-note';
import { Asset } from './asset';
import { TenantRow } from './tenant-rows';
import type { WorkOrdersRow } from '../table-rows.generated';

/** The read model of a work-order workflow (written only by its activities). */
export interface WorkOrder extends WorkOrdersRow {}
export class WorkOrder extends TenantRow {
  static override tableName = 'work_orders';
  static override idColumn = ['org_id', 'number'];
  static override jsonAttributes = ['checklist', 'required_skills'];

  static override relationMappings = (): RelationMappings => ({
    events: hasManyInTenant(this, WorkOrderEvent, 'work_order_number', 'number'),
    parts: hasManyInTenant(this, WorkOrderPart, 'work_order_number', 'number'),
    notes: hasManyInTenant(this, WorkOrderNote, 'work_order_number', 'number'),
    asset: belongsToInTenant(this, 'asset_id', Asset),
  });
}
