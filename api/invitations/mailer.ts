import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Role } from '../auth/roles';

export interface InvitationMail {
  to: string;
  organization: string;
  role: Role;
  inviter: string;
  /** The console link that opens the invitation; it carries the token. */
  link: string;
  token: string;
  expiresAt: Date;
}

/** Delivers an invitation; throws when it could not be handed to the mail server. */
export type InvitationMailer = (mail: InvitationMail) => Promise<void>;

function text(mail: InvitationMail): string {
  return [
    `${mail.inviter} invited you to join ${mail.organization} on Keel as ${mail.role}.`,
    '',
    `Accept the invitation: ${mail.link}`,
    '',
    `The link works once and expires on ${mail.expiresAt.toISOString()}. If you did not expect it, ignore this message.`,
  ].join('\n');
}

/**
 * Invitations go out through the system SMTP setting (`KEEL_NOTIFY_SMTP_URL`); with none
 * configured the link is logged, so a local install can still add people.
 */
export function invitationMailer(options: { smtpUrl?: string | undefined; from?: string; logger: Logger }): InvitationMailer {
  if (!options.smtpUrl) {
    return async (mail) => {
      options.logger.info({ to: mail.to, organization: mail.organization, link: mail.link }, 'invitation (no KEEL_NOTIFY_SMTP_URL: not mailed)');
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  const from = options.from ?? 'Keel <no-reply@localhost>';
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: `Join ${mail.organization} on Keel`, text: text(mail) });
  };
}

/**
 * Remembers the latest token sent to each address (then hands the mail on to `next`, if
 * given): the demo seed and tests accept invitations with it.
 */
export function invitationOutbox(next?: InvitationMailer): { mailer: InvitationMailer; tokenFor(email: string): string | null } {
  const latest = new Map<string, string>();
  return {
    mailer: async (mail) => {
      latest.set(mail.to.toLowerCase(), mail.token);
      await next?.(mail);
    },
    tokenFor: (email) => latest.get(email.toLowerCase()) ?? null,
  };
}
