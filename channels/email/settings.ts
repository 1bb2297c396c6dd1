import type { Db } from '../../db/connection';
import type { SecretBox } from '../../db/secret-box';
import type { OutboundPolicy } from '../../domain/network/address-policy';
import type { TicketTarget } from '../ticket-target';
import type { AttachmentStore } from './attachment-store';

/** Limits and policies of the email channel (from the environment; see README). */
export interface EmailSettings {
  /** Largest message the SMTP listener accepts. */
  maxMessageBytes: number;
  /** Largest attachment stored; larger ones are listed as refused. */
  maxAttachmentBytes: number;
  /** At most this many messages per sender per mailbox in `senderWindowMinutes`; more are held for an admin. */
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

/** Everything the email channel's code needs (its adapters, and the mail activities), built once per process. */
export interface EmailDeps {
  db: Db;
  /** Where intake opens and signals tickets. */
  tickets: TicketTarget;
  /** Seals and opens mailbox passwords. */
  secrets: SecretBox;
  store: AttachmentStore;
  settings: EmailSettings;
  /** Which addresses a mailbox's SMTP relay and IMAP server may have (see `outbound/`). */
  outbound: OutboundPolicy;
  /** What the satisfaction survey's one-click rating link is made of; without it no survey is mailed. */
  survey?: SurveyLinks;
}

/** The portal's public address and the secret its rating links are signed with (the API's token secret). */
export interface SurveyLinks {
  publicUrl: string;
  secret: Uint8Array;
}
