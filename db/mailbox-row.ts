import type { Knex } from 'knex';

/** How a mailbox sends: an SMTP relay. `tls`: implicit TLS (465), STARTTLS required, or plain. */
export interface SmtpSettings {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  username: string | null;
}

/** How an IMAP mailbox is polled. */
export interface ImapSettings {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  username: string;
  folder: string;
}

/** A `mailboxes` row: read by the email channel (IMAP polling), the mail activities and the mailbox routes. */
export interface MailboxRow {
  org_id: string;
  id: string;
  name: string;
  address: string;
  inbound_mode: 'smtp' | 'imap';
  imap: ImapSettings | null;
  imap_password_enc: string | null;
  imap_uidvalidity: number | null;
  imap_last_uid: number;
  smtp: SmtpSettings | null;
  smtp_password_enc: string | null;
  acknowledge: boolean;
  ack_subject: string;
  ack_body: string;
}

export async function loadMailbox(trx: Knex.Transaction, orgId: string, id: string): Promise<MailboxRow | undefined> {
  return trx('mailboxes').where({ org_id: orgId, id }).first<MailboxRow | undefined>();
}

/** The credential context: a sealed password only opens for the mailbox and purpose it was sealed for. */
export const secretContext = (mailbox: { org_id: string; id: string }, purpose: 'smtp' | 'imap') => `${mailbox.org_id}/${mailbox.id}/${purpose}`;

/** Whether the org has a mailbox that can send: what a ticket's survey needs before it is worth an activity. */
export async function hasSendingMailbox(trx: Knex.Transaction, orgId: string): Promise<boolean> {
  const row = await trx('mailboxes').where({ org_id: orgId }).whereNotNull('smtp').first('id');
  return row !== undefined;
}
