import { ScopedModel } from './scoped-model';

/** An email address Keel receives on and sends from. */
export class Mailbox extends ScopedModel {
  static override tableName = 'mailboxes';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['imap', 'smtp'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare address: string;
  declare inbound_mode: string;
  declare imap: unknown | null;
  declare imap_password_enc: string | null;
  declare imap_uidvalidity: number | null;
  declare imap_last_uid: number;
  declare smtp: unknown | null;
  declare smtp_password_enc: string | null;
  declare acknowledge: boolean;
  declare ack_subject: string;
  declare ack_body: string;
  declare created_at: Date;
  declare updated_at: Date;
}
