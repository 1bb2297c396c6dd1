import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The SMTP relay that test stacks send system mail (sign-up confirmations, invitations) to: a real SMTP
 * server on loopback that keeps what it receives, so tests follow the mailed link as a person
 * would. One per process, started on first use; stacks in this process point at it.
 */
export interface AccountMailSink {
  url: string;
  messages: ParsedMail[];
  /** The first message to `address` (that `match` accepts), waiting for it to arrive. */
  messageTo(address: string, match?: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
}

/** Fixed so stacks started by different helpers in one process seal TOTP secrets alike. */
export const TEST_SEALING_KEY = Buffer.alloc(32, 11);

let sink: Promise<AccountMailSink> | null = null;
let started: AccountMailSink | null = null;

export function accountMailSink(): Promise<AccountMailSink> {
  sink ??= startSink().then((running) => (started = running));
  return sink;
}

/**
 * What the sink holds so far. A route that mails answers only once the relay took the mail,
 * so after its answer the mail is here (a stack started with `accountStackOptions` started the sink).
 */
export function mailSoFar(): readonly ParsedMail[] {
  return started?.messages ?? [];
}

/** What a test or benchmark stack needs for account mail and TOTP sealing. */
export async function accountStackOptions(): Promise<{ sealingKey: Buffer; accountMail: { smtpUrl: string; from: string } }> {
  const { url } = await accountMailSink();
  return { sealingKey: TEST_SEALING_KEY, accountMail: { smtpUrl: url, from: 'Keel <no-reply@keel.test>' } };
}

/** The token of the sign-up confirmation link mailed to `address`. */
export async function signupTokenFor(address: string): Promise<string> {
  const mail = await (await accountMailSink()).messageTo(address, (message) => /#token=/.test(message.text ?? ''));
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link in the mail to ${address}`);
  return token;
}

async function startSink(): Promise<AccountMailSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((parsed) => { messages.push(parsed); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  // Ends with the process, never holds it open.
  server.server.unref();
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const recipientIs = (mail: ParsedMail, wanted: string) =>
    [mail.to].flat().some((to) => to?.value.some((entry) => entry.address?.toLowerCase() === wanted.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async messageTo(wanted, match = () => true, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((mail) => recipientIs(mail, wanted) && match(mail));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no account mail to ${wanted} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * The token of a password-reset link mailed to `address`: the `nth` one (1 = the first) that
 * reached the sink, waiting for it (reset mail goes out after the API has answered).
 */
export async function resetTokenFor(address: string, nth = 1): Promise<string> {
  const links = (await accountMailSink()).messages;
  const tokens = () => links
    .filter((mail) => [mail.to].flat().some((to) => to?.value.some((entry) => entry.address?.toLowerCase() === address.toLowerCase())))
    .map((mail) => /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1])
    .filter((token): token is string => token !== undefined);
  await (await accountMailSink()).messageTo(address, () => tokens().length >= nth);
  const token = tokens()[nth - 1];
  if (!token) throw new Error(`no password-reset link number ${nth} was mailed to ${address}`);
  return token;
}
