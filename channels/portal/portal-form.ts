import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { AttachmentLimits, AttachmentStore } from '../email/attachment-store';
import type { ReceivedAttachment } from '../inbound-attachments';
import { storeInboundAttachments } from '../inbound-attachments';
import type { InboundMessage } from '../inbound-message';
import { intake, type IntakeOutcome } from '../intake';
import type { TicketTarget } from '../ticket-target';

/** What the portal form needs: intake's dependencies and where attachments go (null: this process stores none). */
export interface PortalFormDeps {
  db: Db;
  tickets: TicketTarget;
  attachments: { store: AttachmentStore; limits: AttachmentLimits } | null;
  limits: { senderCap: number; senderWindowMinutes: number };
}

/** A signed-in customer's form: a new request, or a reply on one of their tickets. */
export interface PortalSubmission {
  orgId: string;
  /** The contact the portal session belongs to: the form has no other sender. */
  contact: { email: string; name: string | null };
  subject: string;
  text: string;
  attachments: readonly ReceivedAttachment[];
  /** The ticket page the reply was sent from; null for a new request. */
  ticketNumber: number | null;
}

/** The form has attachments but this process has nowhere to store them. */
export class PortalAttachmentsUnavailable extends Error {}

/**
 * The portal form adapter onto `intake` (channel `web`). The session has already proven the
 * sender's address, so the message goes in as that contact; a reply names its ticket, which
 * intake takes only because the contact already wrote on it. Attachments are stored with the
 * message as email's are (same store, same limits). Each submission is its own message id.
 */
export async function submitPortalForm(deps: PortalFormDeps, submission: PortalSubmission): Promise<IntakeOutcome> {
  const { attachments } = deps;
  if (submission.attachments.length > 0 && !attachments) throw new PortalAttachmentsUnavailable('attachments are not stored by this process');
  const message = portalMessage(submission, `portal:${randomUUID()}`);
  return intake({ db: deps.db, tickets: deps.tickets, limits: deps.limits }, message, {
    ...(attachments && submission.attachments.length > 0 && {
      recorded: (trx) => storeInboundAttachments(trx, attachments, { orgId: submission.orgId, messageId: message.thread.messageId }, submission.attachments),
    }),
  });
}

/** The form as intake takes it. */
export function portalMessage(submission: PortalSubmission, messageId: string, receivedAt = new Date()): InboundMessage {
  return {
    channel: 'web',
    to: { orgId: submission.orgId, mailboxId: null },
    sender: { address: submission.contact.email, name: submission.contact.name },
    recipients: [],
    subject: submission.subject,
    text: submission.text,
    quoted: '',
    html: null,
    attachments: submission.attachments.map(({ filename, contentType, size, inline }) => ({ filename, contentType, size, inline })),
    thread: { messageId, answers: [], ticketNumber: submission.ticketNumber },
    automated: null,
    receivedAt,
  };
}
