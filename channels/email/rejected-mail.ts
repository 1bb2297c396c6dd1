import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant';
import { headerText } from '../../domain/email/index';
import type { Destination, IngestOptions } from './ingest';
import { parseEmail, type ParsedEmail } from './parse';
import type { EmailDeps } from './settings';
import type { EmailRejectedMailRow } from '../../db/table-rows.generated';

/** How a rejected message came: over SMTP with its envelope sender, or fetched by IMAP. */
export type RejectedSource = { source: 'smtp'; envelopeFrom: string | null } | { source: 'imap' };

export function rejectedSource(options: IngestOptions): RejectedSource {
  return options.envelopeFrom === undefined ? { source: 'imap' } : { source: 'smtp', envelopeFrom: options.envelopeFrom };
}

/** A rejected message as listed: every column but the raw bytes (REJECTED_MAIL_COLUMNS). */
export type RejectedMailRow = Omit<EmailRejectedMailRow, 'raw'>;

/**
 * Keeps a message that was accepted but not ingested, whole, with why. The same message
 * rejected again (a sender retrying, a re-fetch) updates its row's reason.
 */
export async function storeRejectedMail(
  trx: Knex.Transaction,
  to: Destination,
  entry: { raw: Buffer; mail: ParsedEmail | null; reason: string } & RejectedSource,
): Promise<void> {
  const { raw, mail, reason } = entry;
  await trx('email_rejected_mail')
    .insert({
      org_id: to.orgId,
      id: randomUUID(),
      mailbox_id: to.mailboxId,
      message_key: mail?.messageId ?? `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@keel.generated`,
      source: entry.source,
      envelope_from: entry.source === 'smtp' ? (entry.envelopeFrom === null ? '' : headerText(entry.envelopeFrom)) : null,
      from_address: mail?.from?.address ?? null,
      subject: mail?.rawSubject ?? '',
      raw,
      size: raw.length,
      reason: headerText(reason).slice(0, 1000),
    })
    .onConflict(['org_id', 'mailbox_id', 'message_key'])
    .merge(['reason']);
}

/** `storeRejectedMail` in its own transaction, for a message that failed outside one. */
export async function keepRejectedMail(deps: EmailDeps, raw: Buffer, to: Destination, reason: string, source: RejectedSource): Promise<void> {
  const mail = await parseEmail(raw).catch(() => null);
  await withTenant(deps.db, { orgId: to.orgId }, (trx) => storeRejectedMail(trx, to, { raw, mail, reason, ...source }));
}

/** Every column but the raw bytes, for lists. */
export const REJECTED_MAIL_COLUMNS = [
  'org_id', 'id', 'mailbox_id', 'message_key', 'source', 'envelope_from', 'from_address', 'subject', 'size', 'reason', 'received_at', 'retried_at', 'retries',
] as const;
