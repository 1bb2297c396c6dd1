import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { createEmailActivities } from '../activities/email/index';
import { LocalDiskStore, type AttachmentStore } from '../channels/email/attachment-store';
import { DEFAULT_EMAIL_SETTINGS, type EmailDeps, type EmailSettings, type SurveyLinks } from '../channels/email/settings';
import { startInboundSmtp, type InboundSmtp } from '../channels/email/smtp-listener';
import { ticketClient } from '../clients/ticket-client';
import type { Db } from '../db/connection';
import { SecretBox } from '../db/secret-box';
import type { OutboundPolicy } from '../domain/network/address-policy';
import type { TicketWorkflowOptions } from '../domain/ticket/workflow-options';

export interface EmailChannelOptions {
  /** AES-256-GCM key sealing mailbox credentials. */
  mailKey: Buffer;
  /** Where attachments are stored (the default local-disk store). */
  storageDir: string;
  /** Another store instead of the local disk. */
  store?: AttachmentStore;
  /** Inbound SMTP port; 0 = any free port; null = no listener in this process. */
  smtpPort: number | null;
  settings?: Partial<EmailSettings>;
  /** How long each IMAP session idles before the next (default 5 minutes). */
  imapListenMs?: number;
}

/**
 * The email channel of one process, wired: its dependencies (tickets reached through the
 * intake's ticket target), the worker's email activities, the API's view of it, and its SMTP
 * listener.
 */
export function startEmailChannel(
  options: EmailChannelOptions,
  base: { db: Db; temporal: Client; taskQueue: string; ticketOptions: TicketWorkflowOptions; logger: Logger; outbound: OutboundPolicy; survey?: SurveyLinks },
) {
  const deps: EmailDeps = {
    db: base.db,
    tickets: ticketClient(base),
    secrets: new SecretBox(options.mailKey),
    store: options.store ?? new LocalDiskStore(options.storageDir),
    settings: { ...DEFAULT_EMAIL_SETTINGS, ...options.settings },
    outbound: base.outbound,
    ...(base.survey && { survey: base.survey }),
  };
  return {
    deps,
    activities: createEmailActivities(deps),
    apiDeps: { ...deps, imapListenMs: options.imapListenMs ?? 5 * 60_000 },
    async listen(host: string): Promise<InboundSmtp | null> {
      if (options.smtpPort === null) return null;
      return startInboundSmtp(deps, { port: options.smtpPort, host, logger: base.logger });
    },
  };
}
