import { z } from 'zod';
import { REJECTED_MAIL_COLUMNS, type RejectedMailRow } from '../../channels/email/rejected-mail';
import { retryRejectedMail } from '../../channels/email/retry-rejected-mail';
import { mailboxExists } from '../../db/mailbox-store';
import { listRejectedMail } from '../../db/rejected-mail-page';
import { withTenant } from '../../db/tenant';
import type { ApiDeps } from '../deps';
import { runningEmailChannel } from '../email/running-channel';
import { Problem, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { keysetPage } from '../keyset-page';
import { decodeCursor } from '../schemas/common';
import { MailboxIdParams } from '../schemas/mailboxes';
import { RejectedMailIdParams, RejectedMailPage, RejectedMailQuery, RetriedMailSchema, type RejectedMailSchema } from '../schemas/rejected-mail';

const ADMIN = ['owner', 'admin'] as const;

/** Newest first, keyed by (received_at, id). */
const Cursor = z.object({ r: z.iso.datetime(), i: z.uuid() });

function view(row: RejectedMailRow): z.infer<typeof RejectedMailSchema> {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    messageId: row.message_key,
    source: row.source,
    envelopeFrom: row.envelope_from,
    from: row.from_address,
    subject: row.subject,
    size: row.size,
    reason: row.reason,
    receivedAt: row.received_at.toISOString(),
    retriedAt: row.retried_at ? row.retried_at.toISOString() : null,
    retries: row.retries,
  };
}

const mailboxes = routeGroup({ tag: 'mailboxes', access: ADMIN });

/** Mail a mailbox accepted but could not turn into a ticket, for admins to see and retry. */
export function rejectedMailRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = mailboxes.get('/mailboxes/{id}/rejected-mail', {
    operationId: 'listRejectedMail', summary: 'Mail the mailbox accepted but could not ingest (newest first), with the reason',
    params: MailboxIdParams, query: RejectedMailQuery,
    responses: { 200: { description: 'Rejected mail', schema: RejectedMailPage } },
    async handler({ auth, params, query }) {
      const after = decodeCursor(query.cursor, Cursor);
      const rows = await withTenant(db, auth, async (trx) => {
        if (!(await mailboxExists(trx, auth.orgId, params.id))) throw notFound('Mailbox');
        const before = after ? { receivedAt: after.r, id: after.i } : null;
        return listRejectedMail<RejectedMailRow>(trx, auth.orgId, params.id, { before, limit: query.limit }, REJECTED_MAIL_COLUMNS);
      });
      return { status: 200, body: keysetPage(rows, query.limit, view, (last) => ({ r: last.received_at.toISOString(), i: last.id })) };
    },
  });

  const retry = mailboxes.post('/rejected-mail/{id}/retry', {
    operationId: 'retryRejectedMail',
    summary: 'Ingest a rejected message again (the sender cap does not apply): taken, it leaves the list; refused, it stays with the new reason (422)',
    params: RejectedMailIdParams,
    responses: { 200: { description: 'The message is on a ticket', schema: RetriedMailSchema } },
    async handler({ auth, params }) {
      const result = await retryRejectedMail(runningEmailChannel(deps), auth.orgId, params.id).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'rejected mail: retry failed for now');
        throw new Problem(503, 'email-ingest-unavailable', 'The message could not be ingested right now', { detail: 'The database or the workflow service did not answer; retry later.' }, { 'Retry-After': '5' });
      });
      if (!result) throw notFound('Rejected mail');
      if (!result.ingested) {
        throw new Problem(422, 'rejected-mail-not-ingested', 'The message still cannot be ingested', { detail: result.row.reason, rejectedMail: view(result.row) });
      }
      const { outcome } = result;
      if (outcome.outcome === 'rate_limited') throw new Error('a retry is never rate limited');
      const ticketNumber = outcome.outcome === 'bounce' ? null : outcome.number;
      return { status: 200, body: { ingested: true as const, outcome: outcome.outcome, ticketNumber } };
    },
  });

  return [list, retry];
}
