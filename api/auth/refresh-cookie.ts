import type { Context } from 'koa';

/**
 * The console's refresh token lives in this cookie, never in script-readable storage:
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), scoped to
 * the auth routes, Secure when the console is served over https.
 */
export const REFRESH_COOKIE = 'keel_refresh';
const COOKIE_PATH = '/api/v1/auth';

export interface CookieSettings {
  secure: boolean;
  maxAgeSeconds: number;
}

/** Secure when the console's public URL is https; lives as long as the refresh token. */
export function refreshCookieSettings(deps: { publicUrl: string; refreshTokenTtlSeconds: number }): CookieSettings {
  return { secure: deps.publicUrl.startsWith('https:'), maxAgeSeconds: deps.refreshTokenTtlSeconds };
}

export function refreshCookie(token: string, settings: CookieSettings): Record<string, string> {
  return { 'Set-Cookie': serialise(token, settings.maxAgeSeconds, settings.secure) };
}

export function clearedRefreshCookie(settings: CookieSettings): Record<string, string> {
  return { 'Set-Cookie': serialise('', 0, settings.secure) };
}

export function readRefreshCookie(ctx: Context): string | undefined {
  return ctx.cookies.get(REFRESH_COOKIE) || undefined;
}

/** Written by hand rather than with ctx.cookies.set, which refuses Secure on a plain-http hop behind a TLS proxy. */
function serialise(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${REFRESH_COOKIE}=${value}`, `Path=${COOKIE_PATH}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}
