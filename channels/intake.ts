import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { nextTicketNumber } from '../db/numbers';
import { withTenant } from '../db/tenant';
import type { EmailRef, NewTicket } from '../domain/ticket/index';
import type { InboundDestination, InboundMessage } from './inbound-message';
import { findOrCreateContact, findThread } from './intake-records';
import { PermanentIngestFailure, permanentIngestFailure } from './intake-failure';
import type { TicketTarget } from './ticket-target';

export interface IntakeDeps {
  db: Db;
  tickets: TicketTarget;
  /** At most `senderCap` messages per sender per destination in `senderWindowMinutes`; more are held for an admin. */
  limits: { senderCap: number; senderWindowMinutes: number };
}

export type IntakeOutcome =
  | { outcome: 'ticket'; number: number; messageId: string }
  | { outcome: 'reply'; number: number; messageId: string }
  | { outcome: 'duplicate'; number: number | null; messageId: string }
  | { outcome: 'bounce'; addresses: string[]; messageId: string }
  | { outcome: 'rate_limited'; messageId: string };

/** What the channel adds to a delivery: whether a person retries it, and its own records. */
export interface IntakeOptions {
  /**
   * An admin's retry of a held message: the sender cap does not apply (a person decided), a
   * message the cap held is taken again, and an unfinished claim is finished at once.
   */
  retry?: boolean;
  /**
   * Runs in the transaction that records the message, once its inbound row exists: the channel
   * stores what hangs off it (email: attachment bytes and rows). Not run for a duplicate.
   */
  recorded?(trx: Knex.Transaction): Promise<void>;
  /**
   * Runs in the transaction that holds a message over the sender cap: the channel keeps what
   * an admin needs to take it later (email: the raw message as rejected mail).
   */
  held?(trx: Knex.Transaction, reason: string): Promise<void>;
}

/** Why a message over the sender cap waits for an admin. */
export const SENDER_RATE_LIMIT = 'sender rate limit';

/**
 * A claim older than this whose delivery never finished is taken over by a retry. Re-delivery
 * is safe: opening a ticket is idempotent by workflow id, and a ticket workflow ignores a
 * Message-ID it has already taken.
 */
const STALE_CLAIM_SECONDS = 60;

interface Claim {
  kind: 'new' | 'reply';
  number: number;
}

/**
 * The one way a customer's message becomes a ticket or a message on its ticket, whatever
 * carried it. Exactly once per `thread.messageId` in the org: the message's inbound row is
 * claimed first (with the ticket it will go to), then the contact is found or created, the
 * ticket opened or signalled, and the row marked delivered. A retry after a crash finds the
 * claim and finishes the same delivery; a repeat of a finished one is a `duplicate`.
 *
 * Threading: a message answering a known message id goes on that id's ticket; else a ticket
 * number the sender named, if the sender already wrote on it; closed tickets take no more
 * messages (a reply to one opens a new ticket). A delivery report marks the failed contacts
 * as bouncing and goes on no ticket. Automated mail is recorded but never acknowledged.
 *
 * Adding a channel (portal form, chat, SMS, SendGrid Inbound Parse): its adapter validates
 * and authenticates the request, turns it into an `InboundMessage` (a stable `messageId`
 * from the channel's own event id, so its retries are recognised), stores its attachments in
 * `recorded`, keeps what an admin needs in `held`, and answers its transport from the outcome
 * (`PermanentIngestFailure`: refuse for good; any other error: transient, ask for a retry).
 * It never touches tickets or contacts itself. See `channels/email/ingest.ts`.
 */
export async function intake(deps: IntakeDeps, message: InboundMessage, options: IntakeOptions = {}): Promise<IntakeOutcome> {
  try {
    return await deliver(deps, message, options);
  } catch (error) {
    throw permanentIngestFailure(error) ?? error;
  }
}

const NO_SENDER = new PermanentIngestFailure('no sender address: no ticket could be answered', { code: 550, status: '5.1.7' });

async function deliver(deps: IntakeDeps, message: InboundMessage, options: IntakeOptions): Promise<IntakeOutcome> {
  const { sender } = message;
  if (!sender && message.automated?.kind !== 'bounce') throw NO_SENDER;
  const decision = await withTenant(deps.db, { orgId: message.to.orgId }, (trx) => claim(trx, deps, message, options));
  if ('done' in decision) return decision.done;
  if (!sender) throw NO_SENDER;
  const { orgId } = message.to;
  const { messageId } = message.thread;
  const contact = await withTenant(deps.db, { orgId }, (trx) => findOrCreateContact(trx, orgId, sender));
  const body = message.text.trim() || listAttachments(message) || '(empty message)';
  let { claim: claimed } = decision;

  if (claimed.kind === 'reply') {
    const sent = await deps.tickets.customerMessage(orgId, claimed.number, { body, ...emailRef(message) });
    if (!sent.ok) {
      // The ticket closed in the meantime: the message opens a new one.
      claimed = await withTenant(deps.db, { orgId }, async (trx) => {
        const number = await nextTicketNumber(trx, orgId);
        await inboundRow(trx, orgId, messageId).update({ ticket_number: number, opened_ticket: true, updated_at: trx.fn.now() });
        return { kind: 'new', number } satisfies Claim;
      });
    }
  }
  if (claimed.kind === 'new') {
    const opened = await deps.tickets.open(newTicket(message, sender, claimed.number, body, contact.bouncing));
    // Refused for good (data the ticket's write cannot hold): retrying cannot help, and the
    // message must not be marked delivered. Any other refusal is worth a retry.
    if (!opened.ok && opened.refusal === 'refused') throw new PermanentIngestFailure(`the ticket refuses the message: ${opened.message}`);
    if (!opened.ok) throw new Error(`the ticket could not be opened (${opened.refusal})`);
  }
  await withTenant(deps.db, { orgId }, (trx) => inboundRow(trx, orgId, messageId).update({ status: 'delivered', updated_at: trx.fn.now() }));
  return { outcome: claimed.kind === 'new' ? 'ticket' : 'reply', number: claimed.number, messageId };
}

/**
 * In one transaction: what became of this message id before (a duplicate, or a claim to
 * finish), else its inbound row, recorded with the ticket it goes to. The org's ticket
 * counter is locked last, so concurrent messages queue on it only briefly.
 */
async function claim(
  trx: Knex.Transaction, deps: IntakeDeps, message: InboundMessage, options: IntakeOptions,
): Promise<{ done: IntakeOutcome } | { claim: Claim }> {
  const { orgId } = message.to;
  const { messageId } = message.thread;
  const existing = await inboundRow(trx, orgId, messageId)
    .first<{ status: string; ticket_number: number | null; opened_ticket: boolean; fresh: boolean } | undefined>(
      'status', 'ticket_number', 'opened_ticket', trx.raw(`updated_at > now() - make_interval(secs => ${STALE_CLAIM_SECONDS}) AS fresh`),
    );
  if (existing && options.retry && existing.status === 'rate_limited') {
    // The cap held it; an admin now takes it.
    await inboundRow(trx, orgId, messageId).delete();
  } else if (existing) {
    if (existing.status !== 'pending' || (existing.fresh && !options.retry) || existing.ticket_number === null) {
      return { done: { outcome: 'duplicate', number: existing.ticket_number, messageId } };
    }
    await inboundRow(trx, orgId, messageId).update({ updated_at: trx.fn.now() });
    return { claim: { kind: existing.opened_ticket ? 'new' : 'reply', number: existing.ticket_number } };
  }

  if (message.automated?.kind === 'bounce') {
    await insertInbound(trx, message, { status: 'ignored', ticketNumber: null, openedTicket: false });
    const addresses = await markBouncing(trx, orgId, message.automated.failed);
    return { done: { outcome: 'bounce', addresses, messageId } };
  }
  const { sender } = message;
  if (!sender) throw NO_SENDER;

  if (!options.retry && await overSenderCap(trx, deps, message.to, sender.address)) {
    // Answered as taken (so a looping sender stops), but kept for an admin, never dropped.
    await insertInbound(trx, message, { status: 'rate_limited', ticketNumber: null, openedTicket: false });
    await options.held?.(trx, SENDER_RATE_LIMIT);
    return { done: { outcome: 'rate_limited', messageId } };
  }

  const threaded = await findThread(trx, orgId, message.thread, sender.address);
  await insertInbound(trx, message, { status: 'pending', ticketNumber: threaded, openedTicket: threaded === null });
  await options.recorded?.(trx);
  if (threaded !== null) return { claim: { kind: 'reply', number: threaded } };
  const number = await nextTicketNumber(trx, orgId);
  await inboundRow(trx, orgId, messageId).update({ ticket_number: number });
  return { claim: { kind: 'new', number } };
}

function newTicket(message: InboundMessage, sender: { address: string; name: string | null }, number: number, body: string, bouncing: boolean): NewTicket {
  const { mailboxId } = message.to;
  return {
    orgId: message.to.orgId,
    number,
    subject: message.subject,
    description: body,
    priority: 'normal',
    channel: message.channel,
    tags: [],
    fields: {},
    requester: { email: sender.address, name: sender.name },
    actorId: null,
    // Mail from robots never earns an automatic reply, so two robots cannot loop.
    ...(message.channel === 'email' && mailboxId !== null && {
      email: { messageId: message.thread.messageId, mailboxId, acknowledge: message.automated === null && !bouncing },
    }),
  };
}

/** An email's reference on the ticket's timeline (the workflow takes a Message-ID once). */
function emailRef(message: InboundMessage): { email?: EmailRef } {
  if (message.channel !== 'email' || !message.sender) return {};
  return { email: { messageId: message.thread.messageId, from: message.sender.address, ...(message.automated && { automated: true }) } };
}

const inboundRow = (trx: Knex.Transaction, orgId: string, messageId: string) =>
  trx('email_messages').where({ org_id: orgId, message_id: messageId });

async function insertInbound(
  trx: Knex.Transaction,
  message: InboundMessage,
  row: { status: string; ticketNumber: number | null; openedTicket: boolean },
): Promise<void> {
  const { automated } = message;
  await trx('email_messages').insert({
    org_id: message.to.orgId,
    message_id: message.thread.messageId,
    mailbox_id: message.to.mailboxId,
    direction: 'in',
    status: row.status,
    kind: automated?.kind ?? 'message',
    ticket_number: row.ticketNumber,
    opened_ticket: row.openedTicket,
    from_address: message.sender?.address ?? null,
    to_addresses: message.recipients,
    subject: message.subject,
    text_body: message.text,
    quoted_text: message.quoted,
    html_body: message.html,
    noise: automated ? `${automated.kind}: ${automated.reason}` : null,
    created_at: message.receivedAt,
  });
}

async function markBouncing(trx: Knex.Transaction, orgId: string, failed: readonly { address: string; status: string | null }[]): Promise<string[]> {
  const addresses = failed.map((entry) => entry.address);
  if (addresses.length === 0) return addresses;
  await trx('contacts')
    .where('org_id', orgId)
    .whereIn('email', addresses)
    .update({
      bouncing_since: trx.raw('coalesce(bouncing_since, now())'),
      bounce_reason: failed.map((entry) => `${entry.address}: ${entry.status ?? 'failed'}`).join('; ').slice(0, 500),
    });
  return addresses;
}

async function overSenderCap(trx: Knex.Transaction, deps: IntakeDeps, to: InboundDestination, sender: string): Promise<boolean> {
  const counted = await trx('email_messages')
    .where({ org_id: to.orgId, mailbox_id: to.mailboxId, direction: 'in', from_address: sender })
    .andWhere('created_at', '>', trx.raw(`now() - make_interval(mins => ${deps.limits.senderWindowMinutes})`))
    .count<{ count: number }[]>('* as count');
  return Number(counted[0]?.count ?? 0) >= deps.limits.senderCap;
}

function listAttachments(message: InboundMessage): string {
  return message.attachments.length > 0 ? `(attachments: ${message.attachments.map((attachment) => attachment.filename).join(', ')})` : '';
}
