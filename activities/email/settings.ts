import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import type { OutboundPolicy } from '../../domain/network/address-policy';
import type { TicketWorkflowOptions } from '../../domain/ticket/workflow-options';
import type { MailSecrets } from './secrets';
import type { AttachmentStore } from './storage';

/** Limits and policies of the email channel (from the environment; see README). */
export interface EmailSettings {
  /** Largest message the SMTP listener accepts. */
  maxMessageBytes: number;
  /** Largest attachment stored; larger ones are listed as refused. */
  maxAttachmentBytes: number;
  /** At most this many messages per sender per mailbox in `senderWindowMinutes`; more are dropped. */
  senderCap: number;
  senderWindowMinutes: number;
  /** RFC 3834: at most one automatic reply per sender per mailbox in this many days. */
  autoReplyDays: number;
}

export const DEFAULT_EMAIL_SETTINGS: EmailSettings = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
  senderCap: 30,
  senderWindowMinutes: 60,
  autoReplyDays: 7,
};

/** Everything the email channel's code needs, built once per process. */
export interface EmailDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  ticketOptions: TicketWorkflowOptions;
  secrets: MailSecrets;
  store: AttachmentStore;
  settings: EmailSettings;
  /** Which addresses a mailbox's SMTP relay and IMAP server may have (see `outbound/`). */
  outbound: OutboundPolicy;
}
