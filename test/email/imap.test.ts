import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signupOrg, type Org } from '../helpers/api-client';
import { startDovecot, type Dovecot } from './dovecot';
import { eventually, startEmailStack, tickets, uniqueAddress, type EmailStack } from './helpers';

let dovecot: Dovecot;
let stack: EmailStack;
let org: Org;
let imap: ImapFlow;
const FOLDER = 'Support';

beforeAll(async () => {
  dovecot = await startDovecot();
  imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await imap.connect();
  await imap.mailboxCreate(FOLDER);
});

afterAll(async () => {
  await imap?.logout().catch(() => undefined);
  await stack?.stop();
  await dovecot?.stop();
});

function message(subject: string, messageId = `<${randomUUID()}@customer.example>`): string {
  return [`From: Casey <casey-${randomUUID().slice(0, 6)}@customer.example>`, 'To: support@example.test', `Subject: ${subject}`, `Message-ID: ${messageId}`, 'Content-Type: text/plain; charset=utf-8', '', `Body of ${subject}`, ''].join('\r\n');
}

async function subjects(): Promise<string[]> {
  return (await tickets(org.api)).map((ticket) => ticket.subject).sort();
}

describe('IMAP polling against dovecot', () => {
  it('imports new mail once, remembers UIDs across a worker restart, and starts over on a new UIDVALIDITY without duplicates', async () => {
    const taskQueue = `imap-${randomUUID()}`;
    stack = await startEmailStack({ taskQueue, imapListenMs: 1_500 });
    org = await signupOrg(stack.url);

    await imap.append(FOLDER, message('Before the mailbox existed'));
    const created = await org.api.post('/mailboxes', {
      name: 'IMAP support', address: uniqueAddress('imap'), inboundMode: 'imap',
      imap: { host: '127.0.0.1', port: dovecot.port, tls: 'none', username: dovecot.user, password: dovecot.password, folder: FOLDER },
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(dovecot.password);
    const mailboxId = created.body.id;

    const firstId = `<${randomUUID()}@customer.example>`;
    await imap.append(FOLDER, message('Arrived while polling', firstId));
    await eventually(async () => (await subjects()).length === 2, 'two tickets from IMAP');
    expect(await subjects()).toEqual(['Arrived while polling', 'Before the mailbox existed']);
    expect((await tickets(org.api)).every((ticket) => ticket.channel === 'email')).toBe(true);
    await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}`)).body.imapLastUid === 2, 'UID 2 remembered');

    // The worker (and API) stop; mail arrives meanwhile; a new process on the same task queue
    // picks the polling workflow up where it was.
    await stack.stop();
    await imap.append(FOLDER, message('While the worker was down'));
    stack = await startEmailStack({ taskQueue, imapListenMs: 1_500 });
    org = { ...org, api: new ApiClient(stack.url, org.api.token) };
    await eventually(async () => (await subjects()).length === 3, 'the message that arrived while down');
    await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}`)).body.imapLastUid === 3, 'UID 3 remembered');

    // The folder is recreated: a new UIDVALIDITY, UIDs from 1 again. An old message copied back
    // in is recognised by its Message-ID; the new one is imported.
    await imap.mailboxDelete(FOLDER);
    await imap.mailboxCreate(FOLDER);
    await imap.append(FOLDER, message('Arrived while polling', firstId));
    await imap.append(FOLDER, message('After the folder was recreated'));
    await eventually(async () => (await subjects()).length === 4, 'the message in the new folder generation');
    await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}`)).body.imapLastUid === 2, 'the new generation remembered');
    expect(await subjects()).toEqual(['After the folder was recreated', 'Arrived while polling', 'Before the mailbox existed', 'While the worker was down']);

    // Deleting the mailbox ends its polling: new mail is not imported.
    expect((await org.api.delete(`/mailboxes/${mailboxId}`)).status).toBe(204);
    const handle = stack.temporal.workflow.getHandle(`${org.orgId}/mailbox/${mailboxId}`);
    await eventually(async () => (await handle.describe()).status.name !== 'RUNNING', 'the polling workflow to end');
  });
});
