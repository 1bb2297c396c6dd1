import { TenantRow } from './tenant-rows';
import type { EmailAttachmentsRow } from '../table-rows.generated';

/** A file attached to an email message. */
export interface EmailAttachment extends EmailAttachmentsRow {}
export class EmailAttachment extends TenantRow {
  static override tableName = 'email_attachments';
  static override idColumn = ['org_id', 'id'];
}
