import type { Context } from 'koa';

/**
 * The portal session lives in this cookie: HttpOnly (no script reads it), SameSite=Lax (a
 * cross-site POST never carries it, while following a link in from the mail still does), for
 * the whole host (the portal's pages and its API), Secure when the public URL is https. The
 * session it names belongs to one contact of one org; every portal route checks both.
 */
export const PORTAL_COOKIE = 'keel_portal';

export function portalCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): Record<string, string> {
  return { 'Set-Cookie': serialise(token, options.maxAgeSeconds, options.secure) };
}

export function clearedPortalCookie(options: { secure: boolean }): Record<string, string> {
  return { 'Set-Cookie': serialise('', 0, options.secure) };
}

export function readPortalCookie(ctx: Context): string | null {
  return ctx.cookies.get(PORTAL_COOKIE) || null;
}

/** Written by hand, as the refresh cookie is: ctx.cookies.set refuses Secure on a plain-http hop behind a TLS proxy. */
function serialise(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${PORTAL_COOKIE}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}
