import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-click CSAT link: `/portal/{slug}/requests/{n}/rate#token=…`, where the token is an
 * HMAC of the org and ticket under the API's signing secret. It lets the ticket's requester
 * rate it without signing in, and does nothing else: it opens no session and reads no other
 * ticket. Nothing is stored for it, so the portal page and a mail can show the same link.
 */
export function ratingToken(secret: Uint8Array, orgId: string, number: number): string {
  return createHmac('sha256', secret).update(`keel-csat:${orgId}:${number}`).digest('base64url');
}

export function validRatingToken(secret: Uint8Array, orgId: string, number: number, token: string): boolean {
  const expected = Buffer.from(ratingToken(secret, orgId, number));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const ratingLinkUrl = (publicUrl: string, slug: string, number: number, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/portal/${encodeURIComponent(slug)}/requests/${number}/rate#token=${token}`;
