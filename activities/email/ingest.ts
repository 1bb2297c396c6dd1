import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Knex } from 'knex';
import { startTicketWorkflow } from '../../api/tickets/commands';
import { withTenant } from '../../db/tenant';
import { subjectTicketNumber, usableAddress } from '../../domain/email/index';
import { ticketWorkflowId, type NewTicket } from '../../domain/ticket/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { PermanentIngestFailure, permanentIngestFailure } from './ingest-failure';
import { parseEmail, type ParsedEmail } from './parse';
import { SENDER_RATE_LIMIT, rejectedSource, storeRejectedMail } from './rejected-mail';
import { refuseAttachment } from './storage';
import type { EmailDeps } from './settings';
import { nextTicketNumber } from '../../db/numbers';

export interface Destination {
  orgId: string;
  mailboxId: string;
}

export type IngestOutcome =
  | { outcome: 'ticket'; number: number; messageId: string }
  | { outcome: 'reply'; number: number; messageId: string }
  | { outcome: 'duplicate'; number: number | null; messageId: string }
  | { outcome: 'bounce'; addresses: string[]; messageId: string }
  | { outcome: 'rate_limited'; messageId: string };

/**
 * A claim older than this whose delivery never finished is taken over by a retry. Re-delivery
 * is safe: starting a ticket is idempotent by workflow id, and a ticket workflow ignores a
 * Message-ID it has already taken.
 */
const STALE_CLAIM_SECONDS = 60;

interface Claim {
  kind: 'new' | 'reply';
  number: number;
}

/** How a message came, and whether this is an admin's retry of rejected mail. */
export interface IngestOptions {
  /**
   * The SMTP envelope sender (MAIL FROM; null for the null sender `<>`). Absent for mail
   * fetched from a mail store, whose `Return-Path:` header recorded it.
   */
  envelopeFrom?: string | null;
  /**
   * An admin's retry of rejected mail: the sender cap does not apply (a person decided), a
   * message the cap turned away is taken again, and an unfinished claim is finished at once.
   */
  retry?: boolean;
}

/**
 * Turns one inbound message into a ticket or a customer reply on its ticket, exactly once per
 * Message-ID: the message's row is claimed first (with the ticket it will go to), then the
 * ticket's workflow is started or signalled, then the row is marked delivered. A retry after a
 * crash finds the claim and finishes the same delivery (starting a ticket is idempotent by
 * workflow id). A message that can never be taken throws a `PermanentIngestFailure` saying
 * why; any other error is transient (the database or Temporal is down) and worth a retry.
 */
export async function ingestEmail(deps: EmailDeps, raw: Buffer, to: Destination, options: IngestOptions = {}): Promise<IngestOutcome> {
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch (error) {
    throw new PermanentIngestFailure(`the message cannot be parsed: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
  }
  try {
    return await deliver(deps, raw, mail, to, options);
  } catch (error) {
    throw permanentIngestFailure(error) ?? error;
  }
}

/**
 * Who the ticket is from: `From:`, `Sender:`, `Reply-To:` (parse.ts), then the envelope
 * sender. A bounce needs none (it only marks the contacts that failed).
 */
function senderOf(mail: ParsedEmail, options: IngestOptions): { address: string; name: string | null } | null {
  if (mail.from) return mail.from;
  const envelope = usableAddress(options.envelopeFrom !== undefined ? options.envelopeFrom : mail.returnPath);
  return envelope ? { address: envelope, name: null } : null;
}

const NO_SENDER = new PermanentIngestFailure(
  'no sender address: the message has no usable From, Sender or Reply-To header and no envelope sender, so no ticket could be answered',
  { code: 550, status: '5.1.7' },
);

async function deliver(deps: EmailDeps, raw: Buffer, mail: ParsedEmail, to: Destination, options: IngestOptions): Promise<IngestOutcome> {
  const sender = senderOf(mail, options);
  if (!sender && mail.noise?.noise !== 'bounce') throw NO_SENDER;
  const { orgId } = to;

  const decision = await withTenant(deps.db, { orgId }, async (trx): Promise<{ done: IngestOutcome } | { claim: Claim }> => {
    const existing = await trx('email_messages')
      .where({ org_id: orgId, message_id: mail.messageId })
      .first<{ status: string; ticket_number: number | null; kind: string; opened_ticket: boolean; fresh: boolean } | undefined>(
        'status', 'ticket_number', 'kind', 'opened_ticket', trx.raw(`updated_at > now() - make_interval(secs => ${STALE_CLAIM_SECONDS}) AS fresh`),
      );
    if (existing && options.retry && existing.status === 'rate_limited') {
      // The cap turned it away; an admin now takes it.
      await trx('email_messages').where({ org_id: orgId, message_id: mail.messageId }).delete();
    } else if (existing) {
      if (existing.status !== 'pending' || (existing.fresh && !options.retry) || existing.ticket_number === null) {
        return { done: { outcome: 'duplicate', number: existing.ticket_number, messageId: mail.messageId } satisfies IngestOutcome };
      }
      await trx('email_messages').where({ org_id: orgId, message_id: mail.messageId }).update({ updated_at: trx.fn.now() });
      return { claim: { kind: existing.opened_ticket ? 'new' : 'reply', number: existing.ticket_number } satisfies Claim };
    }

    if (mail.noise?.noise === 'bounce') {
      await insertMessage(trx, to, mail, sender?.address ?? null, { status: 'ignored', ticketNumber: null, openedTicket: false });
      const failed = mail.bounced.map((entry) => entry.address);
      if (failed.length > 0) {
        await trx('contacts')
          .where('org_id', orgId)
          .whereIn('email', failed)
          .update({ bouncing_since: trx.raw('coalesce(bouncing_since, now())'), bounce_reason: mail.bounced.map((entry) => `${entry.address}: ${entry.status ?? 'failed'}`).join('; ').slice(0, 500) });
      }
      return { done: { outcome: 'bounce', addresses: failed, messageId: mail.messageId } satisfies IngestOutcome };
    }
    if (!sender) throw NO_SENDER;

    if (!options.retry && await overSenderCap(trx, deps, to, sender.address)) {
      // Answered as taken (so a looping sender stops), but kept for an admin, never dropped.
      await insertMessage(trx, to, mail, sender.address, { status: 'rate_limited', ticketNumber: null, openedTicket: false });
      await storeRejectedMail(trx, to, { raw, mail, reason: SENDER_RATE_LIMIT, ...rejectedSource(options) });
      return { done: { outcome: 'rate_limited', messageId: mail.messageId } satisfies IngestOutcome };
    }

    const threaded = await findThread(trx, orgId, mail, sender.address);
    await insertMessage(trx, to, mail, sender.address, { status: 'pending', ticketNumber: threaded, openedTicket: threaded === null });
    await storeAttachments(deps, trx, orgId, mail);
    if (threaded !== null) return { claim: { kind: 'reply', number: threaded } };
    // The org's ticket counter is locked last, so concurrent messages queue on it only briefly.
    const number = await nextTicketNumber(trx, orgId);
    await trx('email_messages').where({ org_id: orgId, message_id: mail.messageId }).update({ ticket_number: number });
    return { claim: { kind: 'new', number } };
  });

  if ('done' in decision) return decision.done;
  // Only a bounce goes without a sender, and a bounce is done above.
  if (!sender) throw NO_SENDER;
  let { claim } = decision;
  const body = mail.text.trim() || listAttachments(mail) || '(empty message)';

  if (claim.kind === 'reply') {
    try {
      await deps.temporal.workflow
        .getHandle(ticketWorkflowId(orgId, claim.number))
        .signal(ticketMessages.customerMessage, { body, email: { messageId: mail.messageId, from: sender.address, ...(mail.noise && { automated: true }) } });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // The ticket closed in the meantime: the message opens a new one.
      claim = await withTenant(deps.db, { orgId }, async (trx) => {
        const number = await nextTicketNumber(trx, orgId);
        await trx('email_messages').where({ org_id: orgId, message_id: mail.messageId }).update({ ticket_number: number, opened_ticket: true, updated_at: trx.fn.now() });
        return { kind: 'new', number };
      });
    }
  }
  if (claim.kind === 'new') {
    const bouncing = await withTenant(deps.db, { orgId }, (trx) =>
      trx('contacts').where({ org_id: orgId, email: sender.address }).whereNotNull('bouncing_since').first('id'));
    const ticket: NewTicket = {
      orgId,
      number: claim.number,
      subject: mail.subject,
      description: body,
      priority: 'normal',
      channel: 'email',
      tags: [],
      fields: {},
      requester: { email: sender.address, name: sender.name },
      actorId: null,
      // Mail from robots never earns an automatic reply, so two robots cannot loop.
      email: { messageId: mail.messageId, mailboxId: to.mailboxId, acknowledge: mail.noise === null && !bouncing },
    };
    await startTicketWorkflow(deps, ticket);
  }
  await withTenant(deps.db, { orgId }, (trx) =>
    trx('email_messages').where({ org_id: orgId, message_id: mail.messageId }).update({ status: 'delivered', updated_at: trx.fn.now() }));
  return { outcome: claim.kind === 'new' ? 'ticket' : 'reply', number: claim.number, messageId: mail.messageId };
}

/**
 * The ticket a message belongs to: the one that sent or received a Message-ID it answers;
 * else the `[#123]` token in its subject, if the sender already wrote on that ticket (a
 * guessed number must not let a stranger post to someone else's ticket). Closed tickets
 * take no more messages.
 */
async function findThread(trx: Knex.Transaction, orgId: string, mail: ParsedEmail, sender: string): Promise<number | null> {
  let number: number | null = null;
  if (mail.threadIds.length > 0) {
    const rows: { message_id: string; ticket_number: number }[] = await trx('email_messages')
      .where('org_id', orgId)
      .whereIn('message_id', mail.threadIds)
      .whereNotNull('ticket_number')
      .select('message_id', 'ticket_number');
    for (const id of mail.threadIds) {
      const row = rows.find((candidate) => candidate.message_id === id);
      if (row) { number = row.ticket_number; break; }
    }
  }
  if (number === null) {
    const token = subjectTicketNumber(mail.rawSubject);
    if (token !== null) {
      const known = await trx('tickets as t')
        .join('contacts as c', function () { this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id'); })
        .where({ 't.org_id': orgId, 't.number': token })
        .andWhere((where) => where.where('c.email', sender).orWhereExists(
          trx('email_messages').where({ org_id: orgId, ticket_number: token, from_address: sender }).select(trx.raw('1'))))
        .first('t.number');
      if (known) number = token;
    }
  }
  if (number === null) return null;
  const ticket = await trx('tickets').where({ org_id: orgId, number }).first<{ status: string } | undefined>('status');
  return ticket && ticket.status !== 'closed' ? number : null;
}

async function overSenderCap(trx: Knex.Transaction, deps: EmailDeps, to: Destination, sender: string): Promise<boolean> {
  const counted = await trx('email_messages')
    .where({ org_id: to.orgId, mailbox_id: to.mailboxId, direction: 'in', from_address: sender })
    .andWhere('created_at', '>', trx.raw(`now() - make_interval(mins => ${deps.settings.senderWindowMinutes})`))
    .count<{ count: number }[]>('* as count');
  return Number(counted[0]?.count ?? 0) >= deps.settings.senderCap;
}

async function insertMessage(
  trx: Knex.Transaction,
  to: Destination,
  mail: ParsedEmail,
  sender: string | null,
  row: { status: string; ticketNumber: number | null; openedTicket: boolean },
): Promise<void> {
  await trx('email_messages').insert({
    org_id: to.orgId,
    message_id: mail.messageId,
    mailbox_id: to.mailboxId,
    direction: 'in',
    status: row.status,
    kind: mail.noise?.noise ?? 'message',
    ticket_number: row.ticketNumber,
    opened_ticket: row.openedTicket,
    from_address: sender,
    to_addresses: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    quoted_text: mail.quoted,
    html_body: mail.html,
    noise: mail.noise ? `${mail.noise.noise}: ${mail.noise.reason}` : null,
  });
}

async function storeAttachments(deps: EmailDeps, trx: Knex.Transaction, orgId: string, mail: ParsedEmail): Promise<void> {
  for (const attachment of mail.attachments) {
    const id = randomUUID();
    const refused = refuseAttachment(attachment.filename, attachment.contentType, attachment.size, { maxBytes: deps.settings.maxAttachmentBytes });
    const key = refused ? null : `${orgId}/${id}`;
    if (key) await deps.store.put(key, attachment.content);
    await trx('email_attachments').insert({
      org_id: orgId,
      id,
      message_id: mail.messageId,
      filename: attachment.filename,
      content_type: attachment.contentType,
      size: attachment.size,
      inline: attachment.inline,
      storage_key: key,
      refused,
    });
  }
}

function listAttachments(mail: ParsedEmail): string {
  return mail.attachments.length > 0 ? `(attachments: ${mail.attachments.map((attachment) => attachment.filename).join(', ')})` : '';
}
