import type { Db } from '../../db/connection';
import type { OutboundPolicy } from '../../domain/network/address-policy';
import type { AttachmentStore } from '../../channels/email/attachment-store';
import type { MailSecrets } from './secrets';

/** What sending a ticket's mail needs (the email channel's deps, `channels/email/settings.ts`, have it all). */
export interface EmailDeps {
  db: Db;
  secrets: MailSecrets;
  /** RFC 3834: at most one automatic reply per sender per mailbox in this many days. */
  settings: { autoReplyDays: number };
  /** Where attachment bytes live: a public reply's uploads are read from it to be mailed. */
  store: Pick<AttachmentStore, 'get'>;
  /** Which addresses a mailbox's SMTP relay may have (see `outbound/`). */
  outbound: OutboundPolicy;
  /** The portal's address and the rating links' secret; without them no satisfaction survey is mailed. */
  survey?: { publicUrl: string; secret: Uint8Array };
}
