import { mailSoFar } from './account-mail';

/** The token of the latest invitation mailed to `email` (system mail, kept by the test SMTP sink). */
export function invitationToken(email: string): string {
  const wanted = email.toLowerCase();
  const token = mailSoFar()
    .filter((mail) => [mail.to].flat().some((to) => to?.value.some((entry) => entry.address?.toLowerCase() === wanted)))
    .map((mail) => /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1])
    .filter((found): found is string => found !== undefined)
    .at(-1);
  if (!token) throw new Error(`no invitation was mailed to ${email}`);
  return token;
}
