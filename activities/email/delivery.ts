import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant';
import { addressDomain, reachableAddress, renderTemplate, ticketSubject } from '../../domain/email/index';
import { NO_MAILBOX, unmailedReply, type EmailDelivery } from '../../domain/ticket/index';
import { loadMailbox, type MailboxRow } from '../../db/mailbox-row';
import { NoOutboundSettings, fromHeader, isPermanentSmtpError, transportFor } from '../../outbound/smtp-transport';
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
}

/** A message to send, or what became of it without sending: sent earlier, not to be sent (and why), or nothing to record. */
type Preparation = { send: Prepared } | { settled: EmailDelivery | null };

/** The timeline's words for a reply that reached nobody, so the agent knows to call instead. */
export const NO_REQUESTER_ADDRESS = 'not sent: requester has no email address';
export { NO_MAILBOX };

/**
 * Sends a ticket's email: an agent's public reply, or the acknowledgement of a new ticket.
 * Runs as a regular activity with a retry policy: SMTP refusals that will not change (5xx)
 * fail at once; anything else is retried. The Message-ID is derived from the ticket and the
 * change, so a retried send carries the same id (mail clients de-duplicate by it).
 */
export function createEmailDeliveryActivities(deps: EmailDeps) {
  return {
    async deliverTicketEmail(request: DeliveryRequest): Promise<EmailDelivery | null> {
      const preparation = await withTenant(deps.db, { orgId: request.orgId }, (trx) => prepare(trx, deps, request));
      if ('settled' in preparation) return preparation.settled;
      const prepared = preparation.send;
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

async function prepare(trx: Knex.Transaction, deps: EmailDeps, request: DeliveryRequest): Promise<Preparation> {
  const { orgId, number } = request;
  const ticket = await trx('tickets as t')
    .join('contacts as c', function () { this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id'); })
    .where({ 't.org_id': orgId, 't.number': number })
    .first<{ subject: string; email: string | null; name: string | null; bouncing_since: string | null } | undefined>('t.subject', 'c.email', 'c.name', 'c.bouncing_since');
  if (!ticket) return { settled: null };

  const thread: { message_id: string; direction: string; mailbox_id: string | null }[] = await trx('email_messages')
    .where({ org_id: orgId, ticket_number: number })
    .whereIn('status', ['delivered', 'sent', 'pending', 'queued'])
    .orderBy('created_at')
    .select('message_id', 'direction', 'mailbox_id');
  const lastInbound = [...thread].reverse().find((message) => message.direction === 'in');
  const mailboxId = request.kind === 'acknowledgement' ? request.mailboxId : (lastInbound?.mailbox_id ?? null);
  // A ticket that came another way (API, web, phone), or whose mail came by no mailbox, is
  // answered from the org's first mailbox that can send, else its first (the send then fails, saying why).
  const mailbox = mailboxId
    ? await loadMailbox(trx, orgId, mailboxId)
    : await trx('mailboxes').where({ org_id: orgId }).orderByRaw('(smtp is null), created_at, id').first<MailboxRow | undefined>();
  // An agent's public reply that cannot go out is put on the timeline as failed, so the agent
  // knows the customer did not get it; an acknowledgement that cannot is simply not sent.
  // (The reply's own write records this already when the org has no mailbox at all: `unlessMailed`.)
  if (!mailbox) return { settled: request.kind === 'reply' ? unmailedReply(request.seq) : null };
  // An inbound-only mailbox sends no acknowledgements; a reply fails at the send (below).
  if (request.kind === 'acknowledgement' && (!mailbox.smtp || !mailbox.acknowledge)) return { settled: null };
  // Mail that once came without any sender was filed under a placeholder `.invalid` address.
  const to = reachableAddress(ticket.email);

  const domain = addressDomain(mailbox.address);
  const messageId = `ticket-${number}-${request.kind === 'reply' ? request.seq : 'ack'}.${orgId.slice(0, 8)}@${domain}`;
  const base = { kind: request.kind, messageId, to, ...(request.kind === 'reply' && { replySeq: request.seq }) } as const;
  const earlier = await trx('email_messages').where({ org_id: orgId, message_id: messageId }).first<{ status: string } | undefined>('status');
  if (earlier?.status === 'sent') return { settled: { ...base, state: 'sent' } };

  let subject: string;
  let text: string;
  if (request.kind === 'acknowledgement') {
    const values = {
      ticket: { number, subject: ticket.subject },
      requester: { name: ticket.name ?? to?.split('@')[0] ?? '', email: to ?? '' },
      mailbox: { name: mailbox.name, address: mailbox.address },
    };
    subject = renderTemplate(mailbox.ack_subject, values);
    if (!/\[#\d+\]/.test(subject)) subject = `${subject} [#${number}]`;
    text = renderTemplate(mailbox.ack_body, values);
  } else {
    subject = ticketSubject(ticket.subject, number);
    text = request.body;
  }

  const settle = async (state: 'suppressed' | 'failed', detail: string): Promise<Preparation> => {
    await trx('email_messages')
      .insert(outRow(orgId, mailbox, number, messageId, to, subject, text, state, request.kind, detail))
      .onConflict(['org_id', 'message_id']).merge({ status: state, error: detail, updated_at: trx.fn.now() });
    return { settled: { ...base, state, detail } };
  };
  const suppress = (detail: string) => settle('suppressed', detail);
  if (to === null) return settle(request.kind === 'reply' ? 'failed' : 'suppressed', NO_REQUESTER_ADDRESS);
  if (ticket.bouncing_since !== null) return suppress(`${to} bounces`);
  if (request.kind === 'acknowledgement' && earlier === undefined) {
    // RFC 3834: one automatic reply per sender per mailbox per period.
    const claimed = await trx.raw<{ rows: unknown[] }>(
      `INSERT INTO email_auto_replies (org_id, mailbox_id, sender, sent_at) VALUES (?, ?, ?, now())
       ON CONFLICT (org_id, mailbox_id, sender) DO UPDATE SET sent_at = now()
       WHERE email_auto_replies.sent_at < now() - make_interval(days => ?) RETURNING sender`,
      [orgId, mailbox.id, to, deps.settings.autoReplyDays],
    );
    if (claimed.rows.length === 0) return suppress(`already sent an automatic reply to ${to} in the last ${deps.settings.autoReplyDays} days`);
  }
  if (earlier === undefined) {
    await trx('email_messages').insert(outRow(orgId, mailbox, number, messageId, to, subject, text, 'queued', request.kind, null)).onConflict(['org_id', 'message_id']).ignore();
  }

  const ids = thread.map((message) => message.message_id).filter((id) => id !== messageId);
  const inReplyTo = request.kind === 'acknowledgement' ? request.inReplyTo : (lastInbound?.message_id ?? ids.at(-1) ?? null);
  return { send: { mailbox, to, messageId, subject, text, inReplyTo, references: ids.slice(-20) } };
}

function outRow(orgId: string, mailbox: MailboxRow, number: number, messageId: string, to: string | null, subject: string, text: string, status: string, kind: string, error: string | null) {
  return {
    org_id: orgId, message_id: messageId, mailbox_id: mailbox.id, direction: 'out', status, kind, ticket_number: number,
    from_address: mailbox.address, to_addresses: to === null ? [] : [to], subject, text_body: text, error,
  };
}

async function markOut(deps: EmailDeps, orgId: string, messageId: string, status: 'sent' | 'failed', error: string | null): Promise<void> {
  await withTenant(deps.db, { orgId }, (trx) =>
    trx('email_messages').where({ org_id: orgId, message_id: messageId }).update({ status, error, updated_at: trx.fn.now() }));
}
