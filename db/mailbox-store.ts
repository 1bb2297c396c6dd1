import type { Knex } from 'knex';
import type { ImapSettings, MailboxRow, SmtpSettings } from './mailbox-row';

/** A mailbox as the settings pages read it: its row and when it was added. */
export interface StoredMailbox extends MailboxRow {
  created_at: Date;
}

/** The columns an admin sets; passwords arrive here already sealed. */
export interface MailboxSettings {
  name: string;
  address: string;
  inbound_mode: 'smtp' | 'imap';
  imap: ImapSettings | null;
  imap_password_enc: string | null;
  smtp: SmtpSettings | null;
  smtp_password_enc: string | null;
  acknowledge: boolean;
  ack_subject: string;
  ack_body: string;
}

// The JSON columns are written as text so knex does not turn the object into a column list.
const serialised = (settings: Partial<MailboxSettings>) => ({
  ...settings,
  ...(settings.imap !== undefined && { imap: settings.imap === null ? null : JSON.stringify(settings.imap) }),
  ...(settings.smtp !== undefined && { smtp: settings.smtp === null ? null : JSON.stringify(settings.smtp) }),
});

export async function listMailboxes(trx: Knex.Transaction, orgId: string): Promise<StoredMailbox[]> {
  return trx('mailboxes').where('org_id', orgId).orderBy('created_at').select<StoredMailbox[]>('*');
}

export async function findMailbox(trx: Knex.Transaction, orgId: string, id: string): Promise<StoredMailbox | undefined> {
  return trx('mailboxes').where({ org_id: orgId, id }).first<StoredMailbox | undefined>();
}

/** Inserts the mailbox; undefined when its address already belongs to a mailbox (of any org). */
export async function insertMailbox(
  trx: Knex.Transaction,
  key: { org_id: string; id: string },
  settings: MailboxSettings,
): Promise<StoredMailbox | undefined> {
  const [inserted] = await trx('mailboxes').insert({ ...key, ...serialised(settings) }).onConflict('address').ignore().returning<StoredMailbox[]>('*');
  return inserted;
}

/** Whether any mailbox, of any org, receives at the address (through the RLS-safe lookup function). */
export async function mailboxAddressInUse(trx: Knex.Transaction, address: string): Promise<boolean> {
  const taken = await trx.raw<{ rows: unknown[] }>('SELECT 1 FROM email_mailbox_for_address(?)', [address]);
  return taken.rows.length > 0;
}

/** Changes the listed settings; a unique violation (an address taken meanwhile) is the caller's to map. */
export async function updateMailbox(trx: Knex.Transaction, orgId: string, id: string, changes: Partial<MailboxSettings>): Promise<StoredMailbox | undefined> {
  const [after] = await trx('mailboxes').where({ org_id: orgId, id }).update({ ...serialised(changes), updated_at: trx.fn.now() }).returning<StoredMailbox[]>('*');
  return after;
}

export async function deleteMailbox(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await trx('mailboxes').where({ org_id: orgId, id }).delete();
}

export async function mailboxExists(trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  return (await trx('mailboxes').where({ org_id: orgId, id }).first('id')) !== undefined;
}
