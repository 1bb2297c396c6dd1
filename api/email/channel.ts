import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { createEmailActivities } from '../../activities/email/index';
import { MailSecrets } from '../../activities/email/secrets';
import { DEFAULT_EMAIL_SETTINGS, type EmailDeps, type EmailSettings } from '../../activities/email/settings';
import { LocalDiskStore, type AttachmentStore } from '../../activities/email/storage';
import type { Db } from '../../db/connection';
import type { OutboundPolicy } from '../../domain/network/address-policy';
import type { TicketWorkflowOptions } from '../../domain/ticket/workflow-options';
import { startInboundSmtp, type InboundSmtp } from './inbound-smtp';

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

/** The email channel of one process: its dependencies, its activities, and its SMTP listener. */
export function startEmailChannel(
  options: EmailChannelOptions,
  base: { db: Db; temporal: Client; taskQueue: string; ticketOptions: TicketWorkflowOptions; logger: Logger; outbound: OutboundPolicy },
) {
  const deps: EmailDeps = {
    db: base.db,
    temporal: base.temporal,
    taskQueue: base.taskQueue,
    ticketOptions: base.ticketOptions,
    secrets: new MailSecrets(options.mailKey),
    store: options.store ?? new LocalDiskStore(options.storageDir),
    settings: { ...DEFAULT_EMAIL_SETTINGS, ...options.settings },
    outbound: base.outbound,
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
