import type { Db } from './connection';

/**
 * A login looked up by address across tenants, through the SECURITY DEFINER `auth_lookup`:
 * at login, sign-up and invitation time the caller has no tenant yet.
 */

export interface LoginCredentials {
  id: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
}

export async function loginCredentials(db: Db, email: string): Promise<LoginCredentials | undefined> {
  const { rows } = await db.raw<{ rows: LoginCredentials[] }>('SELECT * FROM auth_lookup(?)', [email]);
  return rows[0];
}

/** Whether an identity with this address exists. */
export async function loginExists(db: Db, email: string): Promise<boolean> {
  const { rows } = await db.raw<{ rows: unknown[] }>('SELECT id FROM auth_lookup(?)', [email]);
  return rows.length > 0;
}

/** The login the address has, if any, and whether it has a password. */
export async function loginIdentity(db: Db, email: string): Promise<{ id: string; has_password: boolean } | undefined> {
  const { rows } = await db.raw<{ rows: { id: string; has_password: boolean }[] }>(
    'SELECT id, password_hash IS NOT NULL AS has_password FROM auth_lookup(?)', [email],
  );
  return rows[0];
}
