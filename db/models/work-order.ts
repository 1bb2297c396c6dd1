import { Model } from 'objection';
import { WorkOrderEvent } from './work-order-event';
import { WorkOrderPart } from './work-order-part';
import { WorkOrderNote } from './work-order-note';
import { Asset } from './asset';
import { ScopedModel } from './scoped-model';

/** The read model of a work-order workflow (written only by its activities). */
export class WorkOrder extends ScopedModel {
  static override tableName = 'work_orders';
  static override idColumn = ['org_id', 'number'];
  static override jsonAttributes = ['checklist', 'required_skills'];

  declare org_id: string;
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

  static override get relationMappings() {
    return {
      events: { relation: Model.HasManyRelation, modelClass: WorkOrderEvent, join: { from: ['work_orders.org_id', 'work_orders.number'], to: ['work_order_events.org_id', 'work_order_events.work_order_number'] } },
      parts: { relation: Model.HasManyRelation, modelClass: WorkOrderPart, join: { from: ['work_orders.org_id', 'work_orders.number'], to: ['work_order_parts.org_id', 'work_order_parts.work_order_number'] } },
      notes: { relation: Model.HasManyRelation, modelClass: WorkOrderNote, join: { from: ['work_orders.org_id', 'work_orders.number'], to: ['work_order_notes.org_id', 'work_order_notes.work_order_number'] } },
      asset: { relation: Model.BelongsToOneRelation, modelClass: Asset, join: { from: ['work_orders.org_id', 'work_orders.asset_id'], to: ['assets.org_id', 'assets.id'] } },
    };
  }
}
