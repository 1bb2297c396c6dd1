import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../db/connection';
import { loginExists } from '../../db/login-lookup';
import { consumeSignupRequestRow, insertSignupRequest } from '../../db/signup-request-store';

/**
 * Pending sign-ups: what the person typed (password already hashed), waiting for the link
 * mailed to the address. Only a hash of the link's token is stored; the token works once,
 * within `SIGNUP_TOKEN_TTL_SECONDS`.
 */
export const SIGNUP_TOKEN_TTL_SECONDS = 30 * 60;

export interface SignupRequest {
  email: string;
  name: string;
  organization: string;
  passwordHash: string;
}

/** Stores a request and answers the token for its link. */
export async function createSignupRequest(db: Db, request: SignupRequest): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSignupRequest(db, {
    id: randomUUID(),
    token_hash: digest(token),
    email: request.email,
    name: request.name,
    organization: request.organization,
    password_hash: request.passwordHash,
    expires_at: new Date(Date.now() + SIGNUP_TOKEN_TTL_SECONDS * 1000),
  });
  return token;
}

/** Marks the request used and answers it, inside the caller's transaction (a rollback un-uses it); null when unknown, used or expired. */
export async function consumeSignupRequest(trx: Knex.Transaction, token: string): Promise<SignupRequest | null> {
  const row = await consumeSignupRequestRow(trx, digest(token));
  return row ? { email: row.email, name: row.name, organization: row.organization, passwordHash: row.password_hash } : null;
}

/** Whether an identity with this address exists (across tenants, through the login look-up). */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  return loginExists(db, email);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
