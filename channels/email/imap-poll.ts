import { ImapFlow } from 'imapflow';
import { loadMailbox, secretContext } from '../../db/mailbox-row';
import { withTenant } from '../../db/tenant';
import { mailTarget } from '../../outbound/mail-target';
import { permanentIngestFailure } from '../intake-failure';
import { ingestEmail } from './ingest';
import { keepRejectedMail } from './rejected-mail';
import type { EmailDeps } from './settings';

export interface PollInput {
  orgId: string;
  mailboxId: string;
  /** How long one activity stays connected, idling for new mail, before it returns. */
  listenMs: number;
}

export interface PollResult {
  /** The mailbox is gone or no longer polled: the workflow ends. */
  stop: boolean;
  imported: number;
}

/** What runs the session: the activity's heartbeat and its cancellation. */
export interface PollSession {
  heartbeat(details: { lastUid: number }): void;
  signal: AbortSignal;
}

/**
 * One IMAP session: import every message above the remembered UID, then IDLE (imapflow idles
 * between commands) and import what arrives, until `listenMs` has passed. The UID of each
 * imported message is remembered with the folder's UIDVALIDITY after its import, so a restart
 * neither skips nor repeats one (and a repeat would be one event anyway: Message-IDs are the
 * import's idempotency key). Heartbeats while connected; a cancelled session logs out. The
 * IMAP server is reached through the outbound guard (the client connects to the checked
 * address); a refused host throws `OutboundRefused`.
 */
export async function pollImapMailbox(deps: EmailDeps, input: PollInput, session: PollSession): Promise<PollResult> {
  const { orgId, mailboxId } = input;
  const mailbox = await withTenant(deps.db, { orgId }, (trx) => loadMailbox(trx, orgId, mailboxId));
  if (!mailbox || mailbox.inbound_mode !== 'imap' || !mailbox.imap) return { stop: true, imported: 0 };
  const settings = mailbox.imap;
  const password = mailbox.imap_password_enc ? deps.secrets.decrypt(mailbox.imap_password_enc, secretContext(mailbox, 'imap')) : '';
  const target = await mailTarget(settings.host, deps.outbound);
  const client = new ImapFlow({
    host: target.host,
    ...(target.servername && { servername: target.servername }),
    port: settings.port,
    secure: settings.tls === 'implicit',
    doSTARTTLS: settings.tls === 'starttls' ? true : settings.tls === 'none' ? false : undefined,
    auth: { user: settings.username, pass: password },
    logger: false,
    maxIdleTime: 60_000,
  });
  let imported = 0;
  let lastUid = mailbox.imap_last_uid;
  const beat = setInterval(() => session.heartbeat({ lastUid }), 5_000);
  const aborted = new Promise<void>((resolve) => session.signal.addEventListener('abort', () => resolve(), { once: true }));
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.folder || 'INBOX');
    try {
      const opened = client.mailbox;
      const uidValidity = opened ? Number(opened.uidValidity) : 0;
      if (mailbox.imap_uidvalidity === null || Number(mailbox.imap_uidvalidity) !== uidValidity) {
        // A new folder generation: its UIDs mean nothing we remember; start over (Message-IDs de-duplicate).
        lastUid = 0;
        await remember(deps, orgId, mailboxId, uidValidity, 0);
      }
      let arrived = true;
      client.on('exists', () => { arrived = true; });
      const deadline = Date.now() + input.listenMs;
      while (!session.signal.aborted) {
        if (arrived) {
          arrived = false;
          const uids = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
          for (const uid of uids) {
            const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
            if (message && message.source) {
              await importMessage(deps, message.source, { orgId, mailboxId });
              imported++;
            }
            lastUid = uid;
            await remember(deps, orgId, mailboxId, uidValidity, uid);
            session.heartbeat({ lastUid });
          }
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        // imapflow IDLEs while no command runs; an EXISTS from the server wakes us early.
        await Promise.race([waitFor(() => arrived, Math.min(remaining, 30_000)), aborted]);
      }
    } finally {
      lock.release();
    }
  } finally {
    clearInterval(beat);
    await client.logout().catch(() => client.close());
  }
  return { stop: false, imported };
}

/**
 * Fetched mail is already accepted (the mail store holds it; no sender is waiting for an
 * answer), so what can never be ingested is kept as rejected mail, not lost. A transient
 * failure is thrown: the session is retried from the last remembered UID.
 */
async function importMessage(deps: EmailDeps, raw: Buffer, to: { orgId: string; mailboxId: string }): Promise<void> {
  try {
    await ingestEmail(deps, raw, to);
  } catch (error) {
    const failure = permanentIngestFailure(error);
    if (!failure) throw error;
    await keepRejectedMail(deps, raw, to, failure.reason, { source: 'imap' });
  }
}

async function remember(deps: EmailDeps, orgId: string, mailboxId: string, uidValidity: number, uid: number): Promise<void> {
  await withTenant(deps.db, { orgId }, (trx) =>
    trx('mailboxes').where({ org_id: orgId, id: mailboxId }).update({ imap_uidvalidity: uidValidity, imap_last_uid: uid }));
}

function waitFor(ready: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => (ready() || Date.now() >= deadline ? resolve() : setTimeout(tick, 100));
    tick();
  });
}
