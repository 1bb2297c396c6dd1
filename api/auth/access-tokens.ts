import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Auth, type Role } from './roles';

const ISSUER = 'keel';

export interface AccessTokenConfig {
  secret: Uint8Array;
  ttlSeconds: number;
}

export async function signAccessToken(auth: Auth, config: AccessTokenConfig): Promise<string> {
  return new SignJWT({ org: auth.orgId, role: auth.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(auth.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${config.ttlSeconds}s`)
    .sign(config.secret);
}

export async function verifyAccessToken(token: string, config: AccessTokenConfig): Promise<Auth | null> {
  try {
    const { payload } = await jwtVerify(token, config.secret, { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || !ROLES.includes(role)) return null;
    return { userId: payload.sub, orgId: payload.org, role };
  } catch {
    return null;
  }
}
