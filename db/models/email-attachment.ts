import { TenantRow } from './tenant-rows';

/** A file attached to an email message. */
export class EmailAttachment extends TenantRow {
  static override tableName = 'email_attachments';
  static override idColumn = ['org_id', 'id'];

  declare id: string;
  declare message_id: string;
  declare filename: string;
  declare content_type: string;
  declare size: number;
  declare inline: boolean;
  declare storage_key: string | null;
  declare refused: string | null;
}
