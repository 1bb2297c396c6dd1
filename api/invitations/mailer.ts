import type { SystemMailer } from '../../outbound/system-mail';
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
 * Invitations are system mail (`KEEL_NOTIFY_SMTP_URL`); with no relay configured the link is
 * logged, so a local install can still add people.
 */
export function invitationMailer(send: SystemMailer): InvitationMailer {
  return (mail) => send({ to: mail.to, subject: `Join ${mail.organization} on Keel`, text: text(mail), link: mail.link });
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
