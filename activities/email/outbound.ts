import nodemailer, { type Transporter } from 'nodemailer';
import type { Knex } from 'knex';
import { OutboundRefused, type OutboundPolicy } from '../../outbound/guarded-resolve';
import { mailTarget } from '../../outbound/mail-target';
import type { MailSecrets } from './secrets';

/** How a mailbox sends: an SMTP relay. `tls`: implicit TLS (465), STARTTLS required, or plain. */
export interface SmtpSettings {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  username: string | null;
}

export interface ImapSettings {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  username: string;
  folder: string;
}

export interface MailboxRow {
  org_id: string;
  id: string;
  name: string;
  address: string;
  inbound_mode: 'smtp' | 'imap';
  imap: ImapSettings | null;
  imap_password_enc: string | null;
  imap_uidvalidity: number | null;
  imap_last_uid: number;
  smtp: SmtpSettings | null;
  smtp_password_enc: string | null;
  acknowledge: boolean;
  ack_subject: string;
  ack_body: string;
}

export async function loadMailbox(trx: Knex.Transaction, orgId: string, id: string): Promise<MailboxRow | undefined> {
  return trx('mailboxes').where({ org_id: orgId, id }).first<MailboxRow | undefined>();
}

/** The credential context: a sealed password only opens for the mailbox and purpose it was sealed for. */
export const secretContext = (mailbox: { org_id: string; id: string }, purpose: 'smtp' | 'imap') => `${mailbox.org_id}/${mailbox.id}/${purpose}`;

export class NoOutboundSettings extends Error {
  constructor(address: string) {
    super(`Mailbox ${address} has no outbound SMTP settings.`);
  }
}

/**
 * A nodemailer transport for a mailbox's relay, with its password decrypted just for it. The
 * relay's host goes through the outbound guard first and the transport connects to the
 * checked address (the name is kept for TLS): see `outbound/`.
 */
export async function transportFor(mailbox: MailboxRow, secrets: MailSecrets, policy: OutboundPolicy): Promise<Transporter> {
  const smtp = mailbox.smtp;
  if (!smtp) throw new NoOutboundSettings(mailbox.address);
  const target = await mailTarget(smtp.host, policy);
  const password = mailbox.smtp_password_enc ? secrets.decrypt(mailbox.smtp_password_enc, secretContext(mailbox, 'smtp')) : null;
  return nodemailer.createTransport({
    host: target.host,
    port: smtp.port,
    ...(target.servername && { tls: { servername: target.servername } }),
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(smtp.username && password !== null && { auth: { user: smtp.username, pass: password } }),
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
}

export const fromHeader = (mailbox: MailboxRow) => ({ name: mailbox.name, address: mailbox.address });

/** An SMTP answer that will not change on retry (5xx), or a relay the guard refuses: the send is refused for good. */
export function isPermanentSmtpError(error: unknown): boolean {
  if (error instanceof OutboundRefused) return true;
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
