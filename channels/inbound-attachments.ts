import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { refuseAttachment, type AttachmentLimits, type AttachmentStore } from './email/attachment-store';

/** An attachment as a channel received it, bytes included. */
export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  content: Buffer;
}

/**
 * Stores a message's attachments with it, whatever channel carried it: the bytes in the
 * attachment store, a row per file in `email_attachments` (the table every inbound message's
 * attachments go to). A file over the size limit or of a blocked type is listed as refused,
 * its bytes never stored. Runs in intake's `recorded` hook, so only a message taken gets them.
 */
export async function storeInboundAttachments(
  trx: Knex.Transaction,
  target: { store: AttachmentStore; limits: AttachmentLimits },
  message: { orgId: string; messageId: string },
  attachments: readonly ReceivedAttachment[],
): Promise<void> {
  for (const attachment of attachments) {
    const id = randomUUID();
    const refused = refuseAttachment(attachment.filename, attachment.contentType, attachment.size, target.limits);
    const key = refused ? null : `${message.orgId}/${id}`;
    if (key) await target.store.put(key, attachment.content);
    await trx('email_attachments').insert({
      org_id: message.orgId,
      id,
      message_id: message.messageId,
      filename: attachment.filename,
      content_type: attachment.contentType,
      size: attachment.size,
      inline: attachment.inline,
      storage_key: key,
      refused,
    });
  }
}
