import type { RelationMappings } from 'objection';
import { belongsToInTenant, hasManyInTenant } from './tenant-relations';
import { WorkOrderEvent } from './work-order-event';
import { WorkOrderPart } from './work-order-part';
import { WorkOrderNote } from './work-order-note';
import { Asset } from './asset';
import { TenantRow } from './tenant-rows';

/** The read model of a work-order workflow (written only by its activities). */
export class WorkOrder extends TenantRow {
  static override tableName = 'work_orders';
  static override idColumn = ['org_id', 'number'];
  static override jsonAttributes = ['checklist', 'required_skills'];

  declare number: number;
  declare title: string;
  declare description: string;
  declare status: string;
  declare priority: string;
  declare source: string;
  declare ticket_number: number | null;
  declare asset_id: string | null;
  declare plan_id: string | null;
  declare technician_id: string | null;
  declare window_start: Date | null;
  declare window_end: Date | null;
  declare duration_minutes: number;
  declare required_skills: unknown;
  declare eta_at: Date | null;
  declare arrived_at: Date | null;
  declare completed_at: Date | null;
  declare signed_off_at: Date | null;
  declare time_on_site_seconds: number | null;
  declare checklist: unknown;
  declare signature_attachment_id: string | null;
  declare signer_name: string | null;
  declare signature_waived_reason: string | null;
  declare version: number;
  declare created_at: Date;
  declare updated_at: Date;

  static override get relationMappings(): RelationMappings {
    return {
      events: hasManyInTenant(this, WorkOrderEvent, 'work_order_number', 'number'),
      parts: hasManyInTenant(this, WorkOrderPart, 'work_order_number', 'number'),
      notes: hasManyInTenant(this, WorkOrderNote, 'work_order_number', 'number'),
      asset: belongsToInTenant(this, 'asset_id', Asset),
    };
  }
}
