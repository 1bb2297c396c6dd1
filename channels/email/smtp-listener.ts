import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { headerText } from '../../domain/email/index';
import { permanentIngestFailure, type PermanentIngestFailure } from '../intake-failure';
import { ingestEmail, type Destination, type IngestOutcome } from './ingest';
import { keepRejectedMail } from './rejected-mail';
import type { EmailDeps } from './settings';

/** The 250 line names what became of the message (a ticket's number helps a sender's support). */
function describe(outcome: IngestOutcome): string {
  switch (outcome.outcome) {
    case 'ticket': return `ticket #${outcome.number}`;
    case 'reply': return `reply on ticket #${outcome.number}`;
    case 'duplicate': return 'duplicate';
    case 'bounce': return 'bounce recorded';
    case 'rate_limited': return 'held for an admin (sender rate cap)';
  }
}

export interface InboundSmtp {
  port: number;
  stop(): Promise<void>;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  const error: SmtpError = new Error(message);
  error.responseCode = code;
  return error;
}

/**
 * What to answer once every mailbox the message was for has tried it: 250 when each took it;
 * 451 when one failed for a reason that may pass (the database or Temporal down), so the
 * sender retries (mailboxes that took it see a duplicate); a permanent 5xx with the reason
 * when none can ever take it, so the sender gets a bounce. When some took it and others never
 * will, the message is accepted and kept as rejected mail for those others.
 */
async function answer(
  deps: EmailDeps,
  raw: Buffer,
  envelopeFrom: string | null,
  targets: readonly Destination[],
  results: readonly PromiseSettledResult<IngestOutcome>[],
): Promise<{ ok: true; outcomes: IngestOutcome[]; held: string[] } | { ok: false; error: SmtpError; cause?: unknown }> {
  const outcomes: IngestOutcome[] = [];
  const refused: { target: Destination; failure: PermanentIngestFailure }[] = [];
  for (const [index, result] of results.entries()) {
    if (result.status === 'fulfilled') { outcomes.push(result.value); continue; }
    const failure = permanentIngestFailure(result.reason);
    if (!failure) return { ok: false, error: smtpError(451, '4.3.0 Temporary failure, try again later'), cause: result.reason };
    refused.push({ target: targets[index]!, failure });
  }
  const first = refused[0];
  if (first && outcomes.length === 0) {
    return { ok: false, error: smtpError(first.failure.smtp.code, `${first.failure.smtp.status} Message refused: ${headerText(first.failure.reason)}`) };
  }
  for (const { target, failure } of refused) {
    await keepRejectedMail(deps, raw, target, failure.reason, { source: 'smtp', envelopeFrom });
  }
  return { ok: true, outcomes, held: refused.map(({ failure }) => `held for an admin (${headerText(failure.reason)})`) };
}

/**
 * The inbound SMTP listener (`SMTP_PORT`): accepts mail for known mailbox addresses only
 * (unknown recipients are refused at RCPT), refuses messages over the size limit, and
 * answers 250 only after each message is a ticket or a reply (or a recognised duplicate,
 * bounce, or message held for an admin), so a sender retries whatever we could not take
 * and is told when we never will (see `answer`).
 */
export async function startInboundSmtp(deps: EmailDeps, options: { port: number; host: string; logger: Logger; onIngested?: (outcome: IngestOutcome) => void }): Promise<InboundSmtp> {
  const known = new WeakMap<SMTPServerSession, Map<string, Destination>>();
  const server = new SMTPServer({
    name: 'keel',
    banner: 'Keel helpdesk',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: deps.settings.maxMessageBytes,
    maxClients: 100,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const recipient = address.address.trim().toLowerCase();
      deps.db
        .raw<{ rows: { org_id: string; mailbox_id: string }[] }>('SELECT org_id, mailbox_id FROM email_mailbox_for_address(?)', [recipient])
        .then(({ rows }) => {
          const found = rows[0];
          if (!found) return callback(smtpError(550, `5.1.1 <${recipient}>: no such mailbox here`));
          const map = known.get(session) ?? new Map<string, Destination>();
          map.set(recipient, { orgId: found.org_id, mailboxId: found.mailbox_id });
          known.set(session, map);
          callback();
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'smtp: recipient look-up failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 Message exceeds the ${deps.settings.maxMessageBytes}-byte limit`));
        const raw = Buffer.concat(chunks);
        // This transaction's accepted recipients, one delivery per mailbox they name.
        const map = known.get(session) ?? new Map<string, Destination>();
        const targets = [...new Map(session.envelope.rcptTo
          .map((rcpt) => map.get(rcpt.address.trim().toLowerCase()))
          .filter((target): target is Destination => target !== undefined)
          .map((target) => [target.mailboxId, target])).values()];
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
        Promise.allSettled(targets.map((target) => ingestEmail(deps, raw, target, { envelopeFrom })))
          .then((results) => answer(deps, raw, envelopeFrom, targets, results))
          .then((result) => {
            if (!result.ok) {
              if (result.cause !== undefined) options.logger.error({ err: result.cause }, 'smtp: could not take a message');
              else options.logger.info({ reason: result.error.message }, 'smtp: message refused');
              return callback(result.error);
            }
            for (const outcome of result.outcomes) options.onIngested?.(outcome);
            callback(null, `Message accepted: ${[...result.outcomes.map(describe), ...result.held].join('; ')}`);
          })
          .catch((error: unknown) => {
            options.logger.error({ err: error }, 'smtp: could not take a message');
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          });
      });
    },
  });
  server.on('error', (error) => options.logger.warn({ err: error }, 'smtp: connection error'));
  await new Promise<void>((resolve, reject) => {
    server.listen(options.port, options.host, () => resolve());
    server.server.once('error', reject);
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
