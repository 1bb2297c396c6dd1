import { ScopedModel } from './scoped-model';

/** A part used on a work order. */
export class WorkOrderPart extends ScopedModel {
  static override tableName = 'work_order_parts';
  static override idColumn = ['org_id', 'work_order_number', 'line_id'];

  declare org_id: string;
  declare work_order_number: number;
  declare line_id: string;
  declare item_id: string;
  declare location_id: string;
  declare quantity: string;
  declare created_at: Date;
}
