import type { Knex } from 'knex';
import type { Db } from './connection';

/**
 * A login's second factor: the sealed TOTP secret, whether it is on, and the last step used.
 * The reads are for the signed-in caller's own login, whose row exists.
 */

export async function totpEnrolment(trx: Knex.Transaction, userId: string): Promise<{ email: string; totp_enabled: boolean }> {
  return trx('users').where({ id: userId }).first<{ email: string; totp_enabled: boolean }>('email', 'totp_enabled');
}

export async function setTotpSecret(trx: Knex.Transaction, userId: string, sealedSecret: string): Promise<void> {
  await trx('users').where({ id: userId }).update({ totp_secret: sealedSecret });
}

export async function totpState(trx: Knex.Transaction, userId: string): Promise<{ totp_secret: string | null; totp_last_step: number | null }> {
  return trx('users').where({ id: userId }).first<{ totp_secret: string | null; totp_last_step: number | null }>('totp_secret', 'totp_last_step');
}

export async function enableTotp(trx: Knex.Transaction, userId: string, step: number): Promise<void> {
  await trx('users').where({ id: userId }).update({ totp_enabled: true, totp_last_step: step });
}

/**
 * Consumes the step for the login, atomically (a code works once), through the SECURITY
 * DEFINER function: it runs at login, before any tenant is known.
 */
export async function consumeTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { ok: boolean | null }[] }>('SELECT auth_consume_totp_step(?, ?) AS ok', [userId, step]);
  return rows.some((row) => row.ok);
}
