import type { Db } from './connection';

/**
 * Whether a session (a refresh-token family) is live, through the SECURITY DEFINER
 * `auth_session_active`: it runs on every authenticated request, outside any tenant transaction.
 */
export async function sessionActive(db: Db, orgId: string, sessionId: string): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { active: boolean }[] }>('SELECT auth_session_active(?, ?) AS active', [orgId, sessionId]);
  return rows[0]?.active === true;
}
