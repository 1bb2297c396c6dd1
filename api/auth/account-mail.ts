import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/** Mail about a person's own account (sign-up confirmation), sent by the API itself. */
export interface AccountMail {
  to: string;
  subject: string;
  text: string;
  /** The link the mail carries, if any: printed instead when no SMTP server is configured. */
  link?: string;
}

export type AccountMailer = (mail: AccountMail) => Promise<void>;

/**
 * Sends through the system SMTP relay (`KEEL_NOTIFY_SMTP_URL`). Without one (a local
 * `npm start`), the mail is logged at info level and its link printed, so a person running
 * Keel on their machine can still follow it.
 */
export function accountMailer(options: { smtpUrl?: string | undefined; from: string; logger: Logger }): AccountMailer {
  if (!options.smtpUrl) {
    return async (mail) => {
      options.logger.info({ to: mail.to, subject: mail.subject, link: mail.link }, 'account mail not sent: no SMTP relay configured (KEEL_NOTIFY_SMTP_URL)');
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
