import type { z } from 'zod';
import { ticketClient } from '../../clients/ticket-client';
import type { ReceivedAttachment } from '../../channels/inbound-attachments';
import { PermanentIngestFailure } from '../../channels/intake-failure';
import type { IntakeOutcome } from '../../channels/intake';
import { PortalAttachmentsUnavailable, submitPortalForm, type PortalSubmission } from '../../channels/portal/portal-form';
import { DEFAULT_EMAIL_SETTINGS } from '../../channels/email/settings';
import { findContactTicket, listContactTickets, publicConversation, type PortalRequestRow } from '../../db/portal-requests';
import { ticketRating } from '../../db/ticket-ratings';
import { withTenant } from '../../db/tenant';
import type { ApiDeps } from '../deps';
import { Problem, forbidden, notFound } from '../problem';
import type { PortalAttachmentInput, PortalRequestDetail, PortalRequestSummary } from '../schemas/portal';
import type { PortalCustomer } from './portal-org';
import { ratingLinkUrl, ratingToken } from '../../outbound/rating-link';

type Summary = z.infer<typeof PortalRequestSummary>;
type Detail = z.infer<typeof PortalRequestDetail>;

function summary(row: PortalRequestRow, customer: PortalCustomer): Summary {
  return {
    number: row.number, subject: row.subject, status: row.status as Summary['status'], createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    requester: { email: row.requester_email, name: row.requester_name }, mine: row.requester_id === customer.contact.id,
  };
}

/** The customer's own requests, and for a designated contact their company's too. */
export async function listRequests(deps: ApiDeps, customer: PortalCustomer): Promise<Summary[]> {
  const { org, contact } = customer;
  const rows = await withTenant(deps.db, { orgId: org.id }, (trx) => listContactTickets(trx, org.id, contact, 200));
  return rows.map((row) => summary(row, customer));
}

/** One ticket the customer may see, with its public conversation; any other ticket is a 404. */
export async function requestDetail(deps: ApiDeps, customer: PortalCustomer, number: number): Promise<Detail> {
  const { org, contact } = customer;
  return withTenant(deps.db, { orgId: org.id }, async (trx) => {
    const ticket = await findContactTicket(trx, org.id, contact, number);
    if (!ticket) throw notFound(`Request #${number}`);
    const [conversation, rating] = await Promise.all([publicConversation(trx, org.id, number), ticketRating(trx, org.id, number)]);
    const view = summary(ticket, customer);
    // The rating is the requester's voice: a designated colleague reads it but gets no link to give one.
    const rateable = view.mine && (ticket.status === 'solved' || ticket.status === 'closed');
    return {
      ...view,
      messages: [
        { from: 'customer' as const, body: ticket.description, at: ticket.created_at.toISOString() },
        ...conversation.map((message) => ({ from: message.type === 'customer_replied' ? 'customer' as const : 'support' as const, body: message.body, at: message.created_at.toISOString() })),
      ],
      rating: rating && { rating: rating.rating, comment: rating.comment, createdAt: rating.createdAt.toISOString() },
      ratingLink: rateable ? ratingLinkUrl(deps.publicUrl, org.slug, number, ratingToken(deps.accessTokens.secret, org.id, number)) : null,
    };
  });
}

/** A new request from the form, through the portal adapter onto intake. */
export async function submitRequest(
  deps: ApiDeps, customer: PortalCustomer, form: { subject: string; description: string; attachments: z.infer<typeof PortalAttachmentInput>[] },
): Promise<number> {
  const outcome = await submit(deps, customer, { subject: form.subject, text: form.description, attachments: form.attachments, ticketNumber: null });
  return outcome.number;
}

/** The customer's reply on a ticket they may see (their own, or their company's as its designated contact): a customer message on it (a closed ticket takes none: 409). */
export async function replyToRequest(
  deps: ApiDeps, customer: PortalCustomer, number: number, reply: { body: string; attachments: z.infer<typeof PortalAttachmentInput>[] },
): Promise<number> {
  const { org, contact } = customer;
  const ticket = await withTenant(deps.db, { orgId: org.id }, (trx) => findContactTicket(trx, org.id, contact, number));
  if (!ticket) throw notFound(`Request #${number}`);
  if (ticket.status === 'closed') throw new Problem(409, 'ticket-closed', 'This request is closed', { detail: 'Submit a new request instead.' });
  const outcome = await submit(deps, customer, { subject: ticket.subject, text: reply.body, attachments: reply.attachments, ticketNumber: number });
  return outcome.number;
}

/**
 * The customer says their request is solved: the ticket's own status command, with no member
 * acting (the timeline shows the customer's solve as the system's). Solved already is fine;
 * a closed or merged request takes no change (409). Only the requester solves it: a designated
 * colleague who sees it is refused (403).
 */
export async function solveRequest(deps: ApiDeps, customer: PortalCustomer, number: number): Promise<{ number: number; status: 'solved' }> {
  const { org, contact } = customer;
  const ticket = await withTenant(deps.db, { orgId: org.id }, (trx) => findContactTicket(trx, org.id, contact, number));
  if (!ticket) throw notFound(`Request #${number}`);
  if (ticket.requester_id !== contact.id) throw forbidden('Only the person who asked marks a request solved.');
  if (ticket.status === 'solved') return { number, status: 'solved' };
  const answer = await ticketClient(deps).setStatus(org.id, number, { actorId: null, status: 'solved' });
  if (!answer.ok) throw new Problem(409, 'ticket-closed', 'This request can no longer change', { detail: answer.refusal === 'not_running' ? 'It is closed: submit a new request instead.' : answer.message });
  return { number, status: 'solved' };
}

async function submit(
  deps: ApiDeps, customer: PortalCustomer,
  form: { subject: string; text: string; attachments: z.infer<typeof PortalAttachmentInput>[]; ticketNumber: number | null },
): Promise<Extract<IntakeOutcome, { number: number }>> {
  const settings = deps.email?.settings ?? DEFAULT_EMAIL_SETTINGS;
  const submission: PortalSubmission = {
    orgId: customer.org.id,
    contact: { email: customer.contact.email, name: customer.contact.name },
    subject: form.subject,
    text: form.text,
    attachments: form.attachments.map(received),
    ticketNumber: form.ticketNumber,
  };
  let outcome: IntakeOutcome;
  try {
    outcome = await submitPortalForm({
      db: deps.db,
      tickets: ticketClient(deps),
      attachments: deps.email ? { store: deps.email.store, limits: { maxBytes: settings.maxAttachmentBytes } } : null,
      limits: { senderCap: settings.senderCap, senderWindowMinutes: settings.senderWindowMinutes },
    }, submission);
  } catch (error) {
    if (error instanceof PortalAttachmentsUnavailable) throw new Problem(503, 'attachments-unavailable', 'Attachments cannot be stored right now', { detail: 'Send the request without them, or try again later.' });
    if (error instanceof PermanentIngestFailure) throw new Problem(422, 'request-refused', 'The request cannot be taken', { detail: error.reason });
    throw error;
  }
  if (outcome.outcome === 'rate_limited') {
    throw new Problem(429, 'too-many-requests', 'Too many requests from this address', { detail: `Wait a while (up to ${settings.senderWindowMinutes} minutes) and send it again.` });
  }
  if (!('number' in outcome) || outcome.number === null) throw new Error(`unexpected intake outcome ${outcome.outcome}`);
  return outcome as Extract<IntakeOutcome, { number: number }>;
}

function received(file: z.infer<typeof PortalAttachmentInput>): ReceivedAttachment {
  const content = Buffer.from(file.content, 'base64');
  return { filename: file.filename, contentType: file.contentType, size: content.length, inline: false, content };
}
