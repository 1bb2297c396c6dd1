import { subjectTicketNumber, usableAddress } from '../../domain/email/index';
import type { InboundMessage } from '../inbound-message';
import { PermanentIngestFailure } from '../intake-failure';
import { intake, type IntakeOutcome } from '../intake';
import { storeInboundAttachments } from '../inbound-attachments';
import { parseEmail, type ParsedEmail } from './parse';
import { rejectedSource, storeRejectedMail } from './rejected-mail';
import type { EmailDeps } from './settings';

/** The mailbox a message was delivered to (and its org). */
export interface Destination {
  orgId: string;
  mailboxId: string;
}

export type IngestOutcome = IntakeOutcome;

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

const NO_SENDER = new PermanentIngestFailure(
  'no sender address: the message has no usable From, Sender or Reply-To header and no envelope sender, so no ticket could be answered',
  { code: 550, status: '5.1.7' },
);

/**
 * The email adapter onto `intake`: parses raw RFC 5322 bytes, finds the sender, stores the
 * attachments with the message and keeps a message the sender cap holds as rejected mail.
 * A message that can never be taken throws a `PermanentIngestFailure` saying why; any other
 * error is transient (the database or Temporal is down) and worth a retry.
 */
export async function ingestEmail(deps: EmailDeps, raw: Buffer, to: Destination, options: IngestOptions = {}): Promise<IngestOutcome> {
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch (error) {
    throw new PermanentIngestFailure(`the message cannot be parsed: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
  }
  const message = inboundEmail(mail, to, options);
  if (!message.sender && message.automated?.kind !== 'bounce') throw NO_SENDER;
  const limits = { senderCap: deps.settings.senderCap, senderWindowMinutes: deps.settings.senderWindowMinutes };
  return intake({ db: deps.db, tickets: deps.tickets, limits }, message, {
    ...(options.retry && { retry: true }),
    recorded: (trx) => storeInboundAttachments(trx, { store: deps.store, limits: { maxBytes: deps.settings.maxAttachmentBytes } },
      { orgId: to.orgId, messageId: mail.messageId }, mail.attachments),
    held: (trx, reason) => storeRejectedMail(trx, to, { raw, mail, reason, ...rejectedSource(options) }),
  });
}

/** A parsed email as intake takes it. */
export function inboundEmail(mail: ParsedEmail, to: Destination, options: IngestOptions, receivedAt = new Date()): InboundMessage {
  return {
    channel: 'email',
    to,
    sender: senderOf(mail, options),
    recipients: mail.to,
    subject: mail.subject,
    text: mail.text,
    quoted: mail.quoted,
    html: mail.html,
    attachments: mail.attachments.map(({ filename, contentType, size, inline }) => ({ filename, contentType, size, inline })),
    thread: { messageId: mail.messageId, answers: mail.threadIds, ticketNumber: subjectTicketNumber(mail.rawSubject) },
    automated: mail.noise && { kind: mail.noise.noise, reason: mail.noise.reason, failed: mail.bounced },
    receivedAt,
  };
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
