import { TenantEntity } from './tenant-rows';

/** A photo or file attached to a work order. */
export class WorkOrderAttachment extends TenantEntity {
  static override tableName = 'work_order_attachments';

  declare work_order_number: number;
  declare kind: string;
  declare content_type: string;
  declare caption: string | null;
  declare bytes: Buffer;
  declare uploaded_by: string | null;
  declare attached: boolean;
}
