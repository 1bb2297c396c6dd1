/** The email channel's API shapes (see api/schemas/mailboxes.ts). */
export type Tls = 'implicit' | 'starttls' | 'none';

export interface Mailbox {
  id: string;
  name: string;
  address: string;
  inboundMode: 'smtp' | 'imap';
  imap: { host: string; port: number; tls: Tls; username: string; folder: string; hasPassword: boolean } | null;
  smtp: { host: string; port: number; tls: Tls; username: string | null; hasPassword: boolean } | null;
  acknowledge: boolean;
  ackSubject: string;
  ackBody: string;
  imapLastUid: number;
  createdAt: string;
}

export interface TicketEmail {
  messageId: string;
  direction: 'in' | 'out';
  status: string;
  kind: string;
  openedTicket: boolean;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  quoted: string;
  html: string | null;
  noise: string | null;
  error: string | null;
  createdAt: string;
  attachments: { id: string; filename: string; contentType: string; size: number; inline: boolean; stored: boolean; refused: string | null }[];
}

export interface EmailDelivery {
  kind: 'reply' | 'acknowledgement';
  messageId: string | null;
  to: string | null;
  state: 'sent' | 'failed' | 'suppressed';
  detail?: string;
  replySeq?: number;
}

/** Mail a mailbox accepted but could not turn into a ticket (see api/schemas/rejected-mail.ts). */
export interface RejectedMail {
  id: string;
  mailboxId: string;
  messageId: string;
  source: 'smtp' | 'imap';
  envelopeFrom: string | null;
  from: string | null;
  subject: string;
  size: number;
  reason: string;
  receivedAt: string;
  retriedAt: string | null;
  retries: number;
}
