import type { ApiDeps } from '../deps';
import { PASSWORD_RESET_TTL_SECONDS, type PasswordResetLink } from './password-resets';

/**
 * The mail that carries a reset link: asked for by the person (forgot password) or sent to
 * them by an admin of their org (`by` names the admin and the org).
 */
export function passwordResetMail(publicUrl: string, link: PasswordResetLink, by?: { admin: string; organization: string }): Parameters<ApiDeps['accountMail']>[0] {
  const url = `${publicUrl}/reset-password?token=${link.token}`;
  const minutes = PASSWORD_RESET_TTL_SECONDS / 60;
  const why = by
    ? `${by.admin}, an administrator of ${by.organization} on Keel, sent you a link to set a new password. Choose one here:`
    : 'Someone (hopefully you) asked to reset the password of your Keel account. Choose a new one here:';
  return {
    to: link.email,
    subject: by ? `Set a new Keel password (sent by ${by.admin})` : 'Reset your Keel password',
    text: [
      `Hello ${link.name},`,
      '',
      why,
      '',
      url,
      '',
      `The link works once, within ${minutes} minutes (until ${link.expiresAt.toISOString()}). Setting a new password signs you out of Keel everywhere.`,
      by ? 'Until you follow it, your password stays as it is.' : 'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n'),
    link: url,
  };
}
