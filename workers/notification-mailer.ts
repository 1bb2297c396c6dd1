import nodemailer from 'nodemailer';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { NOTIFICATION_MAIL_CHANNEL, claimPendingMail, markMailSent, orgsWithPendingMail } from '../db/notifications';
import { withTenant } from '../db/tenant';

export interface NotificationMailerOptions {
  db: Db;
  /** The app role's URL, for the LISTEN connection of its own. */
  databaseUrl: string;
  /** The relay rules' email notifications use (`KEEL_NOTIFY_SMTP_URL`). */
  smtpUrl: string;
  logger: Logger;
  /** How often every org's waiting mail is looked for anyway (a NOTIFY missed while disconnected). */
  sweepMs?: number;
}

const BATCH = 20;

/**
 * Sends the email copies of the notification centre's notifications. A ticket write stores
 * them `pending` in its own transaction and NOTIFYs the org, so no mail is sent in, or waits
 * on, the command's path. This mailer LISTENs, and sends an org's waiting mail in batches
 * inside a tenant transaction that locks the rows it sends (`SKIP LOCKED`: several workers
 * share the work) and marks them `sent` at the end; a relay that fails leaves them pending
 * for the next notice or sweep. At least once: a worker that dies between sending and
 * committing sends that batch again.
 */
export function startNotificationMailer(options: NotificationMailerOptions): { close(): Promise<void> } {
  const { db, logger } = options;
  const mailer = nodemailer.createTransport(options.smtpUrl);
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function sendBatch(orgId: string): Promise<number> {
    return withTenant(db, { orgId }, async (trx) => {
      const mail = await claimPendingMail(trx, orgId, BATCH);
      const sent: string[] = [];
      for (const one of mail) {
        await mailer.sendMail({
          to: one.email,
          subject: one.ticket_number === null ? '[Keel] Notification' : `[Keel] Ticket #${one.ticket_number}`,
          text: one.message,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        sent.push(one.id);
      }
      await markMailSent(trx, orgId, sent);
      return mail.length;
    });
  }

  /** Sends the org's waiting mail; asked again while at it, it looks once more after. */
  function drain(orgId: string): Promise<void> {
    const busy = running.get(orgId);
    if (busy) {
      again.add(orgId);
      return busy;
    }
    const run = (async () => {
      do {
        again.delete(orgId);
        while (!closed && (await sendBatch(orgId)) === BATCH);
      } while (!closed && again.has(orgId));
    })().catch((error: unknown) => logger.warn({ err: error, orgId }, 'notification mail: sending failed, left pending'))
      .finally(() => running.delete(orgId));
    running.set(orgId, run);
    return run;
  }

  const sweep = async (): Promise<void> => {
    try {
      for (const orgId of await orgsWithPendingMail(db)) void drain(orgId);
    } catch (error) {
      logger.warn({ err: error }, 'notification mail: sweep failed');
    }
  };

  const listen = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('notification', (message) => { if (message.payload) void drain(message.payload); });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'notification mail: listener connection failed');
      void next.end().catch(() => undefined);
      client = null;
      if (!closed) retry = setTimeout(() => void listen(), 5_000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${NOTIFICATION_MAIL_CHANNEL}`);
    } catch (error) {
      logger.warn({ err: error }, 'notification mail: listener could not connect');
      void next.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void listen(), 5_000);
      return;
    }
    if (closed) return void (await next.end());
    client = next;
    // Whatever was stored while nobody listened.
    await sweep();
  };

  void listen();
  const timer = setInterval(() => void sweep(), options.sweepMs ?? 60_000);
  timer.unref();

  return {
    async close() {
      closed = true;
      clearInterval(timer);
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      await Promise.all(running.values());
      mailer.close();
    },
  };
}
