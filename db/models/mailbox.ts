import { EditableTenantEntity } from './tenant-rows';

/** An email address Keel receives on and sends from. */
export class Mailbox extends EditableTenantEntity {
  static override tableName = 'mailboxes';
  static override jsonAttributes = ['imap', 'smtp'];

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
}
