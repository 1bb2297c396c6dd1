import type { Context } from 'koa';
import { verifyAccessToken, type AccessTokenConfig } from '../auth/access-tokens';
import type { Auth, Role } from '../auth/roles';
import { forbidden, unauthorized } from '../problem';

/** Reads the bearer token and checks the caller's role against the route's list. */
export async function authenticate(ctx: Context, roles: readonly Role[], config: AccessTokenConfig): Promise<Auth> {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw unauthorized('unauthenticated', 'Send an access token as `Authorization: Bearer <token>`.');
  }
  const auth = await verifyAccessToken(match[1], config);
  if (!auth) throw unauthorized('invalid-token', 'The access token is invalid or has expired.');
  if (!roles.includes(auth.role)) throw forbidden(`The ${auth.role} role may not do this.`);
  return auth;
}
