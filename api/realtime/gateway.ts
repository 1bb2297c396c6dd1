import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { notifyChannel } from '../../db/channel-notices';
import type { Db } from '../../db/connection';
import { CLOSE, PROTOCOL } from '../../domain/realtime/messages';
import type { AccessTokenConfig } from '../auth/access-tokens';
import { sessionCheck } from '../auth/session-check';
import { Problem } from '../problem';
import { listenForEvents } from './event-listener';
import { PRESENCE_CHANNEL, PresenceHub } from './presence';
import { OrgFeeds } from './org-feed';
import { authenticateSocket } from './socket-auth';
import { Subscriber } from './subscriber';

export const WS_PATH = '/api/v1/ws';

export interface GatewayOptions {
  db: Db;
  /** The app role's connection string, for the LISTEN connection. */
  databaseUrl: string;
  tokens: AccessTokenConfig;
  logger: Logger;
  /** Ping every socket this often; one that has not answered the previous ping is closed. */
  heartbeatMs?: number;
  /** Read every feed this often even without a notification (a safety net, not the path). */
  sweepMs?: number;
  /** Expire presence (typing that stopped, viewers gone silent) this often. */
  presenceSweepMs?: number;
}

export interface Gateway {
  close(): Promise<void>;
}

/**
 * The WebSocket gateway at /api/v1/ws on the API's HTTP server: authenticates the handshake,
 * then serves each socket's subscription (subscriber.ts) from the org feeds, which LISTEN/NOTIFY
 * wakes across every API process.
 */
export function attachGateway(server: Server, options: GatewayOptions): Gateway {
  const { db, logger } = options;
  const sessionActive = sessionCheck(db);
  const feeds = new OrgFeeds(db, (error, orgId) => logger.error({ err: error, orgId }, 'reading the event log failed'));
  // Presence crosses processes by NOTIFY only: ephemeral, never written to a table.
  const presence = new PresenceHub((payload) => {
    notifyChannel(db, PRESENCE_CHANNEL, payload).catch((error: unknown) => logger.warn({ err: error }, 'presence notice failed'));
  });
  const listener = listenForEvents(options.databaseUrl, logger, (orgId) => feeds.notified(orgId), () => feeds.pokeAll(), (payload) => presence.heard(payload));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, handleProtocols: () => PROTOCOL });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(request.url ?? '/', 'http://keel').pathname !== WS_PATH) return refuse(socket, new Problem(404, 'not-found', 'Not found'));
    authenticateSocket(request, options.tokens, sessionActive).then(
      (auth) => wss.handleUpgrade(request, socket, head, (ws) => {
        const subscriber = new Subscriber(ws, auth, db, feeds, presence);
        alive.set(ws, true);
        const expiry = setTimeout(() => ws.close(CLOSE.tokenExpired, 'access token expired'), Math.max(0, auth.expiresAt - Date.now()));
        ws.on('pong', () => alive.set(ws, true));
        ws.on('message', (data) => {
          subscriber.onMessage(data.toString()).catch((error) => {
            logger.error({ err: error }, 'subscription failed');
            ws.close(1011, 'subscription failed');
          });
        });
        ws.on('close', () => {
          clearTimeout(expiry);
          subscriber.close();
        });
      }),
      (error) => refuse(socket, error),
    );
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  const sweep = setInterval(() => feeds.pokeAll(), options.sweepMs ?? 30_000);
  const presenceSweep = setInterval(() => presence.sweep(), options.presenceSweepMs ?? 1_000);

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      clearInterval(sweep);
      clearInterval(presenceSweep);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await listener.close();
    },
  };
}

/** Answers a refused handshake with problem+json, as the rest of the API answers. */
function refuse(socket: Duplex, error: unknown): void {
  const problem = error instanceof Problem ? error : new Problem(500, 'internal', 'Internal Server Error');
  const body = JSON.stringify(problem.body);
  const reason = problem.body.status === 401 ? 'Unauthorized' : problem.body.status === 403 ? 'Forbidden' : problem.body.status === 404 ? 'Not Found' : 'Error';
  socket.end(
    `HTTP/1.1 ${problem.body.status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
