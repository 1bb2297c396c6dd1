import { Model } from 'objection';
import { ScopedModel } from './scoped-model';
import { WorkOrder } from './work-order';

/** The signed-off service report of a work order: its PDF and the customer's rating. */
export class WorkOrderReport extends ScopedModel {
  static override tableName = 'work_order_reports';
  static override idColumn = ['org_id', 'work_order_number'];

  declare org_id: string;
  declare work_order_number: number;
  declare pdf: Buffer;
  declare rating_token: string;
  declare mailed_to: string | null;
  declare mailed_at: Date | null;
  declare rating: number | null;
  declare rating_comment: string | null;
  declare created_at: Date;

  static override get relationMappings() {
    return {
      workOrder: {
        relation: Model.BelongsToOneRelation,
        modelClass: WorkOrder,
        join: { from: ['work_order_reports.org_id', 'work_order_reports.work_order_number'], to: ['work_orders.org_id', 'work_orders.number'] },
      },
    };
  }
}
