import { findOrCreateContact } from '../../channels/intake-records';
import { linkReader } from '../../db/kb-readers';
import { insertMagicLink, insertPortalSession, lockMagicLinkRequests, recentMagicLinks, revokePortalSession, useMagicLink } from '../../db/portal-access';
import { withTenant } from '../../db/tenant';
import type { ApiDeps } from '../deps';
import { hashInvitationToken as hashToken, newInvitationToken as newToken } from '../invitations/tokens';
import type { HelpCentreOrg } from '../../db/help-centre';
import { Problem } from '../problem';

/** A magic link works once, within this time. */
export const MAGIC_LINK_TTL_MS = 15 * 60 * 1000;
/** A portal session lasts this long (signing in again is one mailed link away). */
export const PORTAL_SESSION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Links one address, and one IP, may ask for in the window. Counted in Postgres, so every API
 * process counts the same requests.
 */
export const MAGIC_LINK_LIMITS = { perEmail: 5, perIp: 30, windowMinutes: 15 };

/** The link as the customer follows it: the token rides in the fragment, which is never sent to a server or logged. */
export const magicLinkUrl = (publicUrl: string, org: HelpCentreOrg, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/portal/${encodeURIComponent(org.slug)}/sign-in#token=${token}`;

/**
 * Mails a one-time sign-in link to an address. Whoever asks learns nothing about the address
 * (the answer is the same for a known contact and a new one); the contact is created only when
 * the link is used, which proves the address is theirs. Over the limits: 429.
 */
export async function requestMagicLink(deps: ApiDeps, org: HelpCentreOrg, request: { email: string; ip: string | null }): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + MAGIC_LINK_TTL_MS);
  await withTenant(deps.db, { orgId: org.id }, async (trx) => {
    // One link at a time per address: concurrent asks queue here, so the count below is exact.
    await lockMagicLinkRequests(trx, org.id, request.email);
    const recent = await recentMagicLinks(trx, org.id, request, MAGIC_LINK_LIMITS.windowMinutes);
    if (recent.forEmail >= MAGIC_LINK_LIMITS.perEmail || recent.fromIp >= MAGIC_LINK_LIMITS.perIp) {
      throw new Problem(429, 'too-many-sign-in-links', 'Too many sign-in links asked for', {
        detail: `Use the link already mailed, or ask again in ${MAGIC_LINK_LIMITS.windowMinutes} minutes.`,
      }, { 'Retry-After': String(MAGIC_LINK_LIMITS.windowMinutes * 60) });
    }
    await insertMagicLink(trx, { orgId: org.id, email: request.email, tokenHash: hashToken(token), ip: request.ip, expiresAt });
    // Mailed inside the transaction: no link is stored that was not sent.
    try {
      await deps.accountMail({
        to: request.email,
        subject: `Sign in to ${org.name} support`,
        text: [
          `Someone asked to sign in to ${org.name}'s support portal with this address.`,
          '',
          `Sign in: ${magicLinkUrl(deps.publicUrl, org, token)}`,
          '',
          `The link works once and expires on ${expiresAt.toISOString()}. If you did not ask for it, ignore this message.`,
        ].join('\n'),
        link: magicLinkUrl(deps.publicUrl, org, token),
      });
    } catch (error) {
      deps.logger.error({ err: error }, 'portal sign-in link not sent');
      throw new Problem(502, 'sign-in-link-not-sent', 'The sign-in link could not be mailed', { detail: 'Try again in a moment.' });
    }
  });
}

/**
 * Uses a magic link: once, before it expires. Opens a session for the address's contact
 * (found, or created as intake would on first contact) and answers its token, for the cookie.
 * A browser that read the help centre (its reader id) is tied to the address, so a request it
 * opens within 72 h counts against the articles it read (the knowledge base's resolution).
 */
export async function signInWithMagicLink(
  deps: ApiDeps, org: HelpCentreOrg, token: string, readerId: string | null = null,
): Promise<{ sessionToken: string; contact: { id: string; email: string } }> {
  return withTenant(deps.db, { orgId: org.id }, async (trx) => {
    const email = await useMagicLink(trx, org.id, hashToken(token));
    if (!email) {
      throw new Problem(410, 'sign-in-link-unusable', 'This sign-in link cannot be used', { detail: 'It was already used or has expired: ask for a new one.' });
    }
    const contact = await findOrCreateContact(trx, org.id, { address: email, name: null });
    if (readerId) await linkReader(trx, org.id, readerId, email);
    const sessionToken = newToken();
    await insertPortalSession(trx, {
      orgId: org.id, contactId: contact.id, tokenHash: hashToken(sessionToken), expiresAt: new Date(Date.now() + PORTAL_SESSION_TTL_SECONDS * 1000),
    });
    return { sessionToken, contact: { id: contact.id, email } };
  });
}

export async function signOut(deps: ApiDeps, org: HelpCentreOrg, sessionToken: string): Promise<void> {
  await withTenant(deps.db, { orgId: org.id }, (trx) => revokePortalSession(trx, org.id, hashToken(sessionToken)));
}
