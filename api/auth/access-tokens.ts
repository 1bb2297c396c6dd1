import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Auth, type Role } from './roles';

const ISSUER = 'keel';

export interface AccessTokenConfig {
  secret: Uint8Array;
  ttlSeconds: number;
}

/** What a verified access token says: who, in which org, and the session (refresh-token family) it belongs to. */
export interface AccessClaims extends Auth {
  sessionId: string;
}

export async function signAccessToken(auth: Auth, sessionId: string, config: AccessTokenConfig): Promise<string> {
  return new SignJWT({ org: auth.orgId, role: auth.role, sid: sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(auth.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${config.ttlSeconds}s`)
    .sign(config.secret);
}

/** The token's claims when its signature and lifetime hold; tokens without a session id are refused. */
export async function verifyAccessToken(token: string, config: AccessTokenConfig): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, config.secret, { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || typeof payload.sid !== 'string' || !ROLES.includes(role)) return null;
    return { userId: payload.sub, orgId: payload.org, role, sessionId: payload.sid };
  } catch {
    return null;
  }
}
