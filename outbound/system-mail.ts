import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/** Mail Keel itself sends a person (a sign-up confirmation, an invitation), not a ticket's mail. */
export interface SystemMail {
  to: string;
  subject: string;
  text: string;
  /** The link the mail carries, if any: printed instead when no SMTP relay is configured. */
  link?: string;
}

/** Hands a system mail to the relay; throws when the relay did not take it. */
export type SystemMailer = (mail: SystemMail) => Promise<void>;

/**
 * The one sender of system mail, through the system SMTP relay (`KEEL_NOTIFY_SMTP_URL`),
 * marked as automatic (RFC 3834) so autoresponders stay quiet. Without a relay (a local
 * `npm start`) the mail is logged at info level and its link printed, so a person running
 * Keel on their machine can still follow it.
 */
export function systemMailer(options: { smtpUrl?: string | undefined; from: string; logger: Logger }): SystemMailer {
  if (!options.smtpUrl) {
    return async (mail) => {
      options.logger.info({ to: mail.to, subject: mail.subject, link: mail.link }, 'system mail not sent: no SMTP relay configured (KEEL_NOTIFY_SMTP_URL)');
      if (mail.link) console.log(`\n  ${mail.subject} for ${mail.to}:\n    ${mail.link}\n`);
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return async (mail) => {
    await transport.sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  };
}
