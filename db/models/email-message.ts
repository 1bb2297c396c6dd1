import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { EmailAttachment } from './email-attachment';
import { TenantRow } from './tenant-rows';
import type { EmailMessagesRow } from '../table-rows.generated';

/** One inbound or outbound email, threaded to a ticket. */
export interface EmailMessage extends EmailMessagesRow {}
export class EmailMessage extends TenantRow {
  static override tableName = 'email_messages';
  static override idColumn = ['org_id', 'message_id'];

  static override relationMappings = (): RelationMappings => ({ attachments: hasManyInTenant(this, EmailAttachment, 'message_id', 'message_id') });
}
