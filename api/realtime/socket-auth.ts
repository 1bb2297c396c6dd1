import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import { BEARER_PREFIX, PROTOCOL } from '../../domain/realtime/messages';
import { verifyAccessToken, type AccessTokenConfig } from '../auth/access-tokens';
import { ACCESS, type Auth } from '../auth/roles';
import type { SessionCheck } from '../auth/session-check';
import { forbidden, unauthorized } from '../problem';

export interface SocketAuth extends Auth {
  /** When the token stops being valid (ms since the epoch): the gateway closes the socket then. */
  expiresAt: number;
}

/** The access token offered as the `bearer.{token}` subprotocol, next to `keel.v1`. */
function offeredToken(request: IncomingMessage): string | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((part) => part.trim());
  if (!offered.includes(PROTOCOL)) return null;
  const bearer = offered.find((part) => part.startsWith(BEARER_PREFIX));
  return bearer ? bearer.slice(BEARER_PREFIX.length) : null;
}

/** Checks the handshake as `authenticate` checks a request: a valid token of a live session, a staff role. */
export async function authenticateSocket(request: IncomingMessage, tokens: AccessTokenConfig, sessionActive: SessionCheck): Promise<SocketAuth> {
  const token = offeredToken(request);
  if (!token) throw unauthorized('unauthenticated', `Offer the subprotocols \`${PROTOCOL}\` and \`${BEARER_PREFIX}<access token>\`.`);
  const claims = await verifyAccessToken(token, tokens);
  if (!claims) throw unauthorized('invalid-token', 'The access token is invalid or has expired.');
  if (!(await sessionActive(claims.orgId, claims.sessionId))) throw unauthorized('invalid-token', 'This session has ended (logged out or revoked); log in again.');
  if (!(ACCESS.staff as readonly string[]).includes(claims.role)) throw forbidden(`The ${claims.role} role may not subscribe to events.`);
  const { exp } = decodeJwt(token);
  return { userId: claims.userId, orgId: claims.orgId, role: claims.role, expiresAt: (exp ?? 0) * 1000 };
}
