import pg from 'pg';
import type { Logger } from 'pino';
import { EVENT_CHANNEL } from '../../db/event-log';
import { PRESENCE_CHANNEL } from './presence';

export interface EventListener {
  close(): Promise<void>;
}

/**
 * LISTENs on the log's channel (and presence's, which is handed to `onPresence` as it is) on a connection of its own (a pooled one would lose the LISTEN
 * when returned). Each notification names `{orgId}:{seq}` and nothing else. When the connection
 * drops it reconnects with backoff and calls `onReconnect`, since notifications sent meanwhile
 * are gone: the feeds then read from their cursors, so nothing committed is missed.
 */
export function listenForEvents(
  url: string,
  logger: Logger,
  onNotified: (orgId: string) => void,
  onReconnect: () => void,
  onPresence: (payload: string) => void = () => undefined,
): EventListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === PRESENCE_CHANNEL) return onPresence(message.payload ?? '');
      const orgId = message.payload?.split(':')[0];
      if (orgId) onNotified(orgId);
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'event listener connection failed');
      void next.end().catch(() => undefined);
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENT_CHANNEL}`);
      await next.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (error) {
      logger.warn({ err: error }, 'event listener could not connect');
      void next.end().catch(() => undefined);
      return schedule();
    }
    if (closed) return void (await next.end());
    client = next;
    if (failures > 0) onReconnect();
    failures = 0;
  };

  const schedule = (): void => {
    client = null;
    if (closed || retry) return;
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
  };

  const started = connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await started;
      await client?.end().catch(() => undefined);
    },
  };
}
