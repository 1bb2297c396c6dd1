import { TenantEntity } from './tenant-rows';
import type { WorkOrderAttachmentsRow } from '../table-rows.generated';

/** A photo or file attached to a work order. */
export interface WorkOrderAttachment extends WorkOrderAttachmentsRow {}
export class WorkOrderAttachment extends TenantEntity {
  static override tableName = 'work_order_attachments';
}
