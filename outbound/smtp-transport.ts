import nodemailer, { type Transporter } from 'nodemailer';
import { secretContext, type MailboxRow } from '../db/mailbox-row';
import type { SecretBox } from '../db/secret-box';
import { OutboundRefused, type OutboundPolicy } from './guarded-resolve';
import { mailTarget } from './mail-target';

/** What a transport needs of a mailbox: its relay settings and sealed password, and its sender. */
export type RelayMailbox = Pick<MailboxRow, 'org_id' | 'id' | 'name' | 'address' | 'smtp' | 'smtp_password_enc'>;

export class NoOutboundSettings extends Error {
  constructor(address: string) {
    super(`Mailbox ${address} has no outbound SMTP settings.`);
  }
}

/**
 * A nodemailer transport for a mailbox's relay, with its password decrypted just for it: the
 * one transport of a ticket's mail and of the mailbox routes' test message. The relay's host
 * goes through the outbound guard first and the transport connects to the checked address
 * (the name is kept for TLS).
 */
export async function transportFor(mailbox: RelayMailbox, secrets: SecretBox, policy: OutboundPolicy): Promise<Transporter> {
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

export const fromHeader = (mailbox: Pick<MailboxRow, 'name' | 'address'>) => ({ name: mailbox.name, address: mailbox.address });

/** An SMTP answer that will not change on retry (5xx), or a relay the guard refuses: the send is refused for good. */
export function isPermanentSmtpError(error: unknown): boolean {
  if (error instanceof OutboundRefused) return true;
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
