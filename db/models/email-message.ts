import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { EmailAttachment } from './email-attachment';
import { TenantRow } from './tenant-rows';

/** One inbound or outbound email, threaded to a ticket. */
export class EmailMessage extends TenantRow {
  static override tableName = 'email_messages';
  static override idColumn = ['org_id', 'message_id'];

  declare message_id: string;
  declare mailbox_id: string | null;
  declare direction: string;
  declare status: string;
  declare kind: string;
  declare ticket_number: number | null;
  declare opened_ticket: boolean;
  declare from_address: string | null;
  declare to_addresses: string[];
  declare subject: string;
  declare text_body: string;
  declare quoted_text: string;
  declare html_body: string | null;
  declare noise: string | null;
  declare error: string | null;
  declare created_at: Date;
  declare updated_at: Date;

  static override get relationMappings(): RelationMappings {
    return {
      attachments: hasManyInTenant(this, EmailAttachment, 'message_id', 'message_id'),
    };
  }
}
