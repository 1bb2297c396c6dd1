import { invitationOutbox } from '../../api/invitations/mailer';

/** Invitations the in-process test stacks "mail": tests read the token from here. */
export const testOutbox = invitationOutbox();

export function invitationToken(email: string): string {
  const token = testOutbox.tokenFor(email);
  if (!token) throw new Error(`no invitation was mailed to ${email}`);
  return token;
}
