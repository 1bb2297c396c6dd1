import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { insertPasswordReset, resetPassword, type PasswordResetOutcome } from '../../db/password-reset-store';

/**
 * Password-reset links: a random token mailed to the address, stored only as its SHA-256
 * hash. A link works once, within `PASSWORD_RESET_TTL_SECONDS`; asking again, following
 * one, or changing the password makes the address's other open links unusable.
 */
export const PASSWORD_RESET_TTL_SECONDS = 60 * 60;

export interface PasswordResetLink {
  token: string;
  email: string;
  name: string;
  expiresAt: Date;
}

/** Records a link for the login with this address; null when there is none (the same work is done either way). */
export async function createPasswordReset(db: Db, email: string): Promise<PasswordResetLink | null> {
  const token = randomBytes(32).toString('base64url');
  const row = await insertPasswordReset(db, { email, id: randomUUID(), tokenHash: digest(token), ttlSeconds: PASSWORD_RESET_TTL_SECONDS });
  return row ? { token, email: row.email, name: row.name, expiresAt: row.expires_at } : null;
}

/** Follows a link with the new password's hash: sets it and ends every session of the login, or says why not. */
export function consumePasswordReset(db: Db, token: string, passwordHash: string): Promise<PasswordResetOutcome> {
  return resetPassword(db, digest(token), passwordHash);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
