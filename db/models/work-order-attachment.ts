import { ScopedModel } from './scoped-model';

/** A photo or file attached to a work order. */
export class WorkOrderAttachment extends ScopedModel {
  static override tableName = 'work_order_attachments';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare work_order_number: number;
  declare kind: string;
  declare content_type: string;
  declare caption: string | null;
  declare bytes: Buffer;
  declare uploaded_by: string | null;
  declare attached: boolean;
  declare created_at: Date;
}
