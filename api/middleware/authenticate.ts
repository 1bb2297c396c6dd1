import type { Context } from 'koa';
import { verifyAccessToken, type AccessTokenConfig } from '../auth/access-tokens';
import type { Auth, Role } from '../auth/roles';
import type { SessionCheck } from '../auth/session-check';
import { forbidden, unauthorized } from '../problem';

export interface Authenticator {
  tokens: AccessTokenConfig;
  /** A signed, unexpired token still fails once its session is logged out or revoked. */
  sessionActive: SessionCheck;
}

/** Reads the bearer token and checks its session, then the caller's role against the route's list. */
export async function authenticate(ctx: Context, roles: readonly Role[], authenticator: Authenticator): Promise<Auth> {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw unauthorized('unauthenticated', 'Send an access token as `Authorization: Bearer <token>`.');
  }
  const claims = await verifyAccessToken(match[1], authenticator.tokens);
  if (!claims) throw unauthorized('invalid-token', 'The access token is invalid or has expired.');
  if (!(await authenticator.sessionActive(claims.orgId, claims.sessionId))) {
    throw unauthorized('invalid-token', 'This session has ended (logged out or revoked); log in again.');
  }
  if (!roles.includes(claims.role)) throw forbidden(`The ${claims.role} role may not do this.`);
  return { userId: claims.userId, orgId: claims.orgId, role: claims.role, sessionId: claims.sessionId };
}
