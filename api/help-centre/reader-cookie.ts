import type { Context } from 'koa';

/**
 * A help-centre reader's id: random, first-party, HttpOnly, and nothing but an id (no
 * personal data). It groups one browser's views and votes, and lets a reader who later names
 * an email be matched to the tickets they open (migrations/021_kb_readers.ts). Path `/` so
 * the pages (/help/…) and the JSON feedback route (/api/v1/help/…) both read it.
 */
export const READER_COOKIE = 'keel_reader';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ReaderCookie {
  readerId: string;
  /** The Set-Cookie header to send when the reader had no id yet. */
  setCookie: string | null;
}

/** The reader id this browser already has, if any (nothing is set). */
export function sentReaderId(ctx: Context): string | null {
  const sent = ctx.cookies.get(READER_COOKIE);
  return sent && UUID.test(sent) ? sent : null;
}

export function readerCookie(ctx: Context, publicUrl: string): ReaderCookie {
  const sent = sentReaderId(ctx);
  if (sent) return { readerId: sent, setCookie: null };
  const readerId = crypto.randomUUID();
  const secure = publicUrl.startsWith('https:');
  return { readerId, setCookie: [`${READER_COOKIE}=${readerId}`, 'Path=/', `Max-Age=${ONE_YEAR_SECONDS}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ') };
}
