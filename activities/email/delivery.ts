import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant';
import { addressDomain, renderTemplate, ticketSubject } from '../../domain/email/index';
import type { EmailDelivery } from '../../domain/ticket/index';
import { NoOutboundSettings, fromHeader, isPermanentSmtpError, loadMailbox, transportFor, type MailboxRow } from './outbound';
import type { EmailDeps } from './settings';

export type DeliveryRequest =
  | { kind: 'reply'; orgId: string; number: number; seq: number; body: string }
  | { kind: 'acknowledgement'; orgId: string; number: number; mailboxId: string; inReplyTo: string };

interface Prepared {
  mailbox: MailboxRow;
  to: string;
  messageId: string;
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  /** Already sent by an earlier attempt, or not to be sent (and why). */
  settled: EmailDelivery | null;
}

/**
 * Sends a ticket's email: an agent's public reply, or the acknowledgement of a new ticket.
 * Runs as a regular activity with a retry policy: SMTP refusals that will not change (5xx)
 * fail at once; anything else is retried. The Message-ID is derived from the ticket and the
 * change, so a retried send carries the same id (mail clients de-duplicate by it).
 */
export function createEmailDeliveryActivities(deps: EmailDeps) {
  return {
    async deliverTicketEmail(request: DeliveryRequest): Promise<EmailDelivery | null> {
      const prepared = await withTenant(deps.db, { orgId: request.orgId }, (trx) => prepare(trx, deps, request));
      if (prepared === null || prepared.settled) return prepared?.settled ?? null;
      const base = { kind: request.kind, messageId: prepared.messageId, to: prepared.to, ...(request.kind === 'reply' && { replySeq: request.seq }) };
      try {
        const transport = await transportFor(prepared.mailbox, deps.secrets, deps.outbound);
        await transport.sendMail({
          from: fromHeader(prepared.mailbox),
          to: prepared.to,
          subject: prepared.subject,
          text: prepared.text,
          messageId: `<${prepared.messageId}>`,
          ...(prepared.inReplyTo && { inReplyTo: `<${prepared.inReplyTo}>` }),
          ...(prepared.references.length > 0 && { references: prepared.references.map((id) => `<${id}>`) }),
          headers: request.kind === 'acknowledgement' ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply' } : {},
        });
        transport.close();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const permanent = isPermanentSmtpError(error) || error instanceof NoOutboundSettings;
        if (!permanent && Context.current().info.attempt < 12) throw error;
        await markOut(deps, request.orgId, prepared.messageId, 'failed', detail);
        if (permanent) return { ...base, state: 'failed', detail };
        throw ApplicationFailure.nonRetryable(detail, 'EmailDeliveryFailed');
      }
      await markOut(deps, request.orgId, prepared.messageId, 'sent', null);
      return { ...base, state: 'sent' };
    },
  };
}

export type EmailDeliveryActivities = ReturnType<typeof createEmailDeliveryActivities>;

async function prepare(trx: Knex.Transaction, deps: EmailDeps, request: DeliveryRequest): Promise<Prepared | null> {
  const { orgId, number } = request;
  const ticket = await trx('tickets as t')
    .join('contacts as c', function () { this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id'); })
    .where({ 't.org_id': orgId, 't.number': number })
    .first<{ subject: string; email: string; name: string | null; bouncing_since: string | null } | undefined>('t.subject', 'c.email', 'c.name', 'c.bouncing_since');
  if (!ticket) return null;

  const thread: { message_id: string; direction: string; mailbox_id: string | null }[] = await trx('email_messages')
    .where({ org_id: orgId, ticket_number: number })
    .whereIn('status', ['delivered', 'sent', 'pending', 'queued'])
    .orderBy('created_at')
    .select('message_id', 'direction', 'mailbox_id');
  const lastInbound = [...thread].reverse().find((message) => message.direction === 'in');
  const mailboxId = request.kind === 'acknowledgement' ? request.mailboxId : (lastInbound?.mailbox_id ?? null);
  const mailbox = mailboxId
    ? await loadMailbox(trx, orgId, mailboxId)
    : await trx('mailboxes').where({ org_id: orgId }).orderBy('created_at').first<MailboxRow | undefined>();
  // A ticket with no mailbox to write from (its org has none) is not an email conversation.
  if (!mailbox) return null;
  // An inbound-only mailbox sends no acknowledgements; an agent's reply that cannot go out is
  // reported as failed (below), so the agent knows the customer did not get it.
  if (request.kind === 'acknowledgement' && (!mailbox.smtp || !mailbox.acknowledge)) return null;

  const domain = addressDomain(mailbox.address);
  const messageId = `ticket-${number}-${request.kind === 'reply' ? request.seq : 'ack'}.${orgId.slice(0, 8)}@${domain}`;
  const base = { kind: request.kind, messageId, to: ticket.email, ...(request.kind === 'reply' && { replySeq: request.seq }) } as const;
  const earlier = await trx('email_messages').where({ org_id: orgId, message_id: messageId }).first<{ status: string } | undefined>('status');
  if (earlier?.status === 'sent') return { ...empty(mailbox, ticket.email, messageId), settled: { ...base, state: 'sent' } };

  let subject: string;
  let text: string;
  if (request.kind === 'acknowledgement') {
    const values = {
      ticket: { number, subject: ticket.subject },
      requester: { name: ticket.name ?? ticket.email.split('@')[0] ?? '', email: ticket.email },
      mailbox: { name: mailbox.name, address: mailbox.address },
    };
    subject = renderTemplate(mailbox.ack_subject, values);
    if (!/\[#\d+\]/.test(subject)) subject = `${subject} [#${number}]`;
    text = renderTemplate(mailbox.ack_body, values);
  } else {
    subject = ticketSubject(ticket.subject, number);
    text = request.body;
  }

  const suppress = async (detail: string): Promise<Prepared> => {
    await trx('email_messages')
      .insert(outRow(orgId, mailbox, number, messageId, ticket.email, subject, text, 'suppressed', request.kind, detail))
      .onConflict(['org_id', 'message_id']).merge({ status: 'suppressed', error: detail, updated_at: trx.fn.now() });
    return { ...empty(mailbox, ticket.email, messageId), settled: { ...base, state: 'suppressed', detail } };
  };
  if (ticket.bouncing_since !== null) return suppress(`${ticket.email} bounces`);
  if (request.kind === 'acknowledgement' && earlier === undefined) {
    // RFC 3834: one automatic reply per sender per mailbox per period.
    const claimed = await trx.raw<{ rows: unknown[] }>(
      `INSERT INTO email_auto_replies (org_id, mailbox_id, sender, sent_at) VALUES (?, ?, ?, now())
       ON CONFLICT (org_id, mailbox_id, sender) DO UPDATE SET sent_at = now()
       WHERE email_auto_replies.sent_at < now() - make_interval(days => ?) RETURNING sender`,
      [orgId, mailbox.id, ticket.email, deps.settings.autoReplyDays],
    );
    if (claimed.rows.length === 0) return suppress(`already sent an automatic reply to ${ticket.email} in the last ${deps.settings.autoReplyDays} days`);
  }
  if (earlier === undefined) {
    await trx('email_messages').insert(outRow(orgId, mailbox, number, messageId, ticket.email, subject, text, 'queued', request.kind, null)).onConflict(['org_id', 'message_id']).ignore();
  }

  const ids = thread.map((message) => message.message_id).filter((id) => id !== messageId);
  const inReplyTo = request.kind === 'acknowledgement' ? request.inReplyTo : (lastInbound?.message_id ?? ids.at(-1) ?? null);
  return { mailbox, to: ticket.email, messageId, subject, text, inReplyTo, references: ids.slice(-20), settled: null };
}

function empty(mailbox: MailboxRow, to: string, messageId: string): Prepared {
  return { mailbox, to, messageId, subject: '', text: '', inReplyTo: null, references: [], settled: null };
}

function outRow(orgId: string, mailbox: MailboxRow, number: number, messageId: string, to: string, subject: string, text: string, status: string, kind: string, error: string | null) {
  return {
    org_id: orgId, message_id: messageId, mailbox_id: mailbox.id, direction: 'out', status, kind, ticket_number: number,
    from_address: mailbox.address, to_addresses: [to], subject, text_body: text, error,
  };
}

async function markOut(deps: EmailDeps, orgId: string, messageId: string, status: 'sent' | 'failed', error: string | null): Promise<void> {
  await withTenant(deps.db, { orgId }, (trx) =>
    trx('email_messages').where({ org_id: orgId, message_id: messageId }).update({ status, error, updated_at: trx.fn.now() }));
}
