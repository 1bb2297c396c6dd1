import { withTenant } from '../../db/tenant';
import { headerText } from '../../domain/email/index';
import { ingestEmail, type IngestOptions, type IngestOutcome } from './ingest';
import { permanentIngestFailure } from '../intake-failure';
import { REJECTED_MAIL_COLUMNS, type RejectedMailRow } from './rejected-mail';
import type { EmailDeps } from './settings';

export type RetryResult =
  | { ingested: true; outcome: IngestOutcome }
  | { ingested: false; row: RejectedMailRow };

/**
 * Ingests a rejected message again, as an admin's decision (the sender cap does not apply).
 * Taken: its row goes. Refused again: the row stays with the new reason. A transient failure
 * (the database or Temporal down) is thrown and changes nothing. Null: no such row.
 */
export async function retryRejectedMail(deps: EmailDeps, orgId: string, id: string): Promise<RetryResult | null> {
  const row = await withTenant(deps.db, { orgId }, (trx) =>
    trx('email_rejected_mail').where({ org_id: orgId, id }).first<(RejectedMailRow & { raw: Buffer }) | undefined>());
  if (!row) return null;
  const to = { orgId, mailboxId: row.mailbox_id };
  const options: IngestOptions = { retry: true, ...(row.source === 'smtp' && { envelopeFrom: row.envelope_from || null }) };
  let reason: string;
  try {
    const outcome = await ingestEmail(deps, row.raw, to, options);
    if (outcome.outcome === 'duplicate' && outcome.number === null) {
      reason = 'the message was already seen and did not become a ticket';
    } else {
      await withTenant(deps.db, { orgId }, (trx) => trx('email_rejected_mail').where({ org_id: orgId, id }).delete());
      return { ingested: true, outcome };
    }
  } catch (error) {
    const permanent = permanentIngestFailure(error);
    if (!permanent) throw error;
    reason = permanent.reason;
  }
  const [updated] = await withTenant(deps.db, { orgId }, (trx) =>
    trx('email_rejected_mail').where({ org_id: orgId, id })
      .update({ reason: headerText(reason).slice(0, 1000), retried_at: trx.fn.now(), retries: trx.raw('retries + 1') })
      .returning<RejectedMailRow[]>(REJECTED_MAIL_COLUMNS));
  return updated ? { ingested: false, row: updated } : null;
}

