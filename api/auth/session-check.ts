import type { Db } from '../../db/connection';
import { sessionActive } from '../../db/session-store';

/** Answers whether a session (a refresh-token family) is still live: not logged out, not revoked for reuse, not expired. */
export type SessionCheck = (orgId: string, sessionId: string) => Promise<boolean>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One indexed query per authenticated request (`refresh_tokens (org_id, family_id)`), through a
 * SECURITY DEFINER function so it needs no tenant transaction. Not cached: a cache would let a
 * logged-out token work for as long as the cache entry lives, which is what this check removes.
 */
export function sessionCheck(db: Db): SessionCheck {
  return async (orgId, sessionId) => {
    if (!UUID.test(orgId) || !UUID.test(sessionId)) return false;
    return sessionActive(db, orgId, sessionId);
  };
}
