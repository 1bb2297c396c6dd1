import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from './dovecot';

/** A test dovecot with a client logged in and one folder created: where an IMAP suite appends its mail. */
export interface DovecotFolder {
  dovecot: Dovecot;
  imap: ImapFlow;
  folder: string;
  /** A Keel mailbox's `imap` settings that poll this folder. */
  settings: { host: string; port: number; tls: 'none'; username: string; password: string; folder: string };
  /** Logs the client out and stops dovecot. */
  stop(): Promise<void>;
}

export async function startDovecotFolder(folder: string): Promise<DovecotFolder> {
  const dovecot = await startDovecot();
  const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  try {
    await imap.connect();
    await imap.mailboxCreate(folder);
  } catch (error) {
    await dovecot.stop();
    throw error;
  }
  return {
    dovecot,
    imap,
    folder,
    settings: { host: '127.0.0.1', port: dovecot.port, tls: 'none', username: dovecot.user, password: dovecot.password, folder },
    async stop() {
      await imap.logout().catch(() => undefined);
      await dovecot.stop();
    },
  };
}
