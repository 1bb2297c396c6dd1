import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { WEB_ROOT } from '../../bin/lib/console-build';
import { startStack, type RunningStack } from '../../bin/lib/stack';
import type { EmailSettings } from '../../channels/email/settings';
import { signupOrg, type ApiClient, type Org } from '../helpers/api-client';
import { sharedStackOptions } from '../helpers/test-stack';

export const TEST_MAIL_KEY = Buffer.alloc(32, 9);

export interface EmailStack extends RunningStack {
  smtpPort: number;
  taskQueue: string;
  storageDir: string;
}

/** API + worker + inbound SMTP listener (on a free port) against the run's shared services. */
export async function startEmailStack(options: {
  settings?: Partial<EmailSettings>; imapListenMs?: number; taskQueue?: string; storageDir?: string; webRoot?: boolean;
  /** The tests' relays and IMAP servers listen on loopback: allowed unless a test says otherwise. */
  allowPrivateNetworks?: boolean;
} = {}): Promise<EmailStack> {
  const taskQueue = options.taskQueue ?? `email-${randomUUID()}`;
  const storageDir = options.storageDir ?? (await mkdtemp(path.join(tmpdir(), 'keel-mail-')));
  const stack = await startStack({
    ...(await sharedStackOptions(taskQueue)),
    ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 },
    webRoot: options.webRoot ? WEB_ROOT : null,
    api: true,
    worker: true,
    outbound: { allowPrivateNetworks: options.allowPrivateNetworks ?? true },
    signupLimits: { perIpPerHour: 100_000 },
    email: { mailKey: TEST_MAIL_KEY, storageDir, smtpPort: 0, settings: options.settings ?? {}, imapListenMs: options.imapListenMs ?? 2_000 },
  });
  if (stack.smtpPort === null) throw new Error('no SMTP listener');
  return { ...stack, smtpPort: stack.smtpPort, taskQueue, storageDir };
}

/** A mail client speaking real SMTP to Keel's listener. */
export function smtpClient(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
}

export async function send(port: number, message: Mail.Options): Promise<void> {
  const transport = smtpClient(port);
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** A local SMTP server that keeps what it is sent: the outbound relay of test mailboxes. */
/** A local SMTP server standing in for a mailbox's outgoing relay: it keeps what it is sent. */
export interface Sink {
  port: number;
  messages: ParsedMail[];
  raw: string[];
  stop(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      // The sink accepts the one password the tests configure, and nothing else.
      if (auth.username === 'relay-user' && auth.password === 'relay-secret') callback(null, { user: auth.username });
      else callback(new Error('Invalid credentials'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        raw.push(bytes.toString('utf8'));
        simpleParser(bytes).then((parsed) => { messages.push(parsed); callback(); }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, messages, raw, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Polls until `probe` returns a value (not undefined/null/false), or fails after the deadline. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A mailbox's outgoing relay settings pointing at the sink (with the one password it accepts). */
export function sinkRelay(sink: Sink) {
  return { host: '127.0.0.1', port: sink.port, tls: 'none', username: 'relay-user', password: 'relay-secret' };
}

/** What an email suite starts with: the stack, a relay sink, and an org signed up on the stack. */
export interface RelaySuite {
  stack: EmailStack;
  sink: Sink;
  org: Org;
}

export async function startRelaySuite(options?: Parameters<typeof startEmailStack>[0]): Promise<RelaySuite> {
  const sink = await startSink();
  const stack = await startEmailStack(options);
  return { stack, sink, org: await signupOrg(stack.url) };
}

export async function stopRelaySuite(suite: RelaySuite): Promise<void> {
  await suite.stack.stop();
  await suite.sink.stop();
}

export async function createMailbox(org: Org, body: Record<string, unknown>): Promise<{ id: string; address: string }> {
  const response = await org.api.post('/mailboxes', body);
  if (response.status !== 201) throw new Error(`mailbox: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const uniqueAddress = (local: string) => `${local}-${randomUUID().slice(0, 8)}@support.example.test`;

/** The tickets of an org, newest first (the read model). */
export async function tickets(api: ApiClient): Promise<any[]> {
  const response = await api.get('/tickets?limit=100');
  return response.body.data;
}

export async function timeline(api: ApiClient, number: number): Promise<any[]> {
  const response = await api.get(`/tickets/${number}/timeline?limit=100`);
  return response.body.data;
}
