import { EditableTenantEntity } from './tenant-rows';
import type { MailboxesRow } from '../table-rows.generated';

/** An email address Keel receives on and sends from. */
export interface Mailbox extends MailboxesRow {}
export class Mailbox extends EditableTenantEntity {
  static override tableName = 'mailboxes';
  static override jsonAttributes = ['imap', 'smtp'];
}
