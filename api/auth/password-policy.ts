import { readFileSync } from 'node:fs';

/**
 * What a new password must be, after NIST SP 800-63B §3.1.1.2: long enough, not a known
 * common password, not a trivially repeated one; no composition rules (they make passwords
 * harder to remember, not to guess). Keel keeps its 10-character minimum (above NIST's 8)
 * and allows up to 200 characters, spaces and any Unicode included.
 *
 * The blocklist is the 1,557 entries of 10 or more characters of zxcvbn's common-password
 * list (see `SOURCES.md` beside this file), compared case-insensitively.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8').split('\n').filter((line) => line.length > 0),
);

/**
 * Why a password of an acceptable length is still refused (a sentence for the problem's
 * `errors[].message`), or null when it is fine. Length is checked by the schema.
 */
export function passwordProblem(password: string): string | null {
  if (password.trim().length === 0) return 'A password cannot be only spaces.';
  if (new Set(password).size === 1) return 'A password cannot be one character repeated.';
  if (COMMON.has(password.toLowerCase())) return 'This is one of the most common passwords; choose another.';
  return null;
}
