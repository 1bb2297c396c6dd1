import type { Knex } from 'knex';
import type { Db } from './connection';

/** Pending sign-ups, stored with a hash of their link's token. */

export interface SignupRequestRow {
  email: string;
  name: string;
  organization: string;
  password_hash: string;
}

export async function insertSignupRequest(db: Db, row: SignupRequestRow & { id: string; token_hash: string; expires_at: Date }): Promise<void> {
  await db('signup_requests').insert(row);
}

/** Marks the request with this token hash used and answers it (SECURITY DEFINER: no tenant exists yet); undefined when unknown, used or expired. */
export async function consumeSignupRequestRow(trx: Knex.Transaction, tokenHash: string): Promise<SignupRequestRow | undefined> {
  const { rows } = await trx.raw<{ rows: SignupRequestRow[] }>('SELECT * FROM auth_consume_signup(?)', [tokenHash]);
  return rows[0];
}
