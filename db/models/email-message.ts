import { Model } from 'objection';
import { EmailAttachment } from './email-attachment';
import { ScopedModel } from './scoped-model';

/** One inbound or outbound email, threaded to a ticket. */
export class EmailMessage extends ScopedModel {
  static override tableName = 'email_messages';
  static override idColumn = ['org_id', 'message_id'];

  declare org_id: string;
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

  static override get relationMappings() {
    return {
      attachments: { relation: Model.HasManyRelation, modelClass: EmailAttachment, join: { from: ['email_messages.org_id', 'email_messages.message_id'], to: ['email_attachments.org_id', 'email_attachments.message_id'] } },
    };
  }
}
