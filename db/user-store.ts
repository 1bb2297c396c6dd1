import type { Knex } from 'knex';

/** Logins (`users`): creating one, giving a password to one without, and their contact facts. */

/** Creates the login; false when the address already has one. */
export async function insertUserIfNew(
  trx: Knex.Transaction,
  user: { id: string; email: string; name: string; passwordHash: string },
): Promise<boolean> {
  const inserted = await trx('users')
    .insert({ id: user.id, email: user.email, name: user.name, password_hash: user.passwordHash })
    .onConflict('email').ignore().returning('id');
  return inserted.length > 0;
}

/** Sets the password (and the name, when given) of a login that has none; false when it has one. */
export async function setPasswordIfUnset(trx: Knex.Transaction, userId: string, claim: { passwordHash: string; name: string | null }): Promise<boolean> {
  const set = await trx('users').where({ id: userId }).whereNull('password_hash')
    .update({ password_hash: claim.passwordHash, ...(claim.name !== null && { name: claim.name }) });
  return set > 0;
}

export async function userContact(trx: Knex.Transaction, userId: string): Promise<{ email: string; name: string } | undefined> {
  return trx('users').where({ id: userId }).first<{ email: string; name: string } | undefined>('email', 'name');
}
