import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signupOrg, type Org } from '../helpers/api-client';
import { startDovecotFolder, type DovecotFolder } from './dovecot-folder';
import { eventually, startEmailStack, tickets, uniqueAddress, type EmailStack } from './helpers';

let mail: DovecotFolder;
let stack: EmailStack;
let org: Org;

beforeAll(async () => {
  mail = await startDovecotFolder('Support');
});

afterAll(async () => {
  await stack?.stop();
  await mail?.stop();
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

    await mail.imap.append(mail.folder, message('Before the mailbox existed'));
    const created = await org.api.post('/mailboxes', {
      name: 'IMAP support', address: uniqueAddress('imap'), inboundMode: 'imap',
      imap: mail.settings,
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(mail.dovecot.password);
    const mailboxId = created.body.id;

    const firstId = `<${randomUUID()}@customer.example>`;
    await mail.imap.append(mail.folder, message('Arrived while polling', firstId));
    await eventually(async () => (await subjects()).length === 2, 'two tickets from IMAP');
    expect(await subjects()).toEqual(['Arrived while polling', 'Before the mailbox existed']);
    expect((await tickets(org.api)).every((ticket) => ticket.channel === 'email')).toBe(true);
    await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}`)).body.imapLastUid === 2, 'UID 2 remembered');

    // The worker (and API) stop; mail arrives meanwhile; a new process on the same task queue
    // picks the polling workflow up where it was.
    await stack.stop();
    await mail.imap.append(mail.folder, message('While the worker was down'));
    stack = await startEmailStack({ taskQueue, imapListenMs: 1_500 });
    org = { ...org, api: new ApiClient(stack.url, org.api.token) };
    await eventually(async () => (await subjects()).length === 3, 'the message that arrived while down');
    await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}`)).body.imapLastUid === 3, 'UID 3 remembered');

    // The folder is recreated: a new UIDVALIDITY, UIDs from 1 again. An old message copied back
    // in is recognised by its Message-ID; the new one is imported.
    await mail.imap.mailboxDelete(mail.folder);
    await mail.imap.mailboxCreate(mail.folder);
    await mail.imap.append(mail.folder, message('Arrived while polling', firstId));
    await mail.imap.append(mail.folder, message('After the folder was recreated'));
    await eventually(async () => (await subjects()).length === 4, 'the message in the new folder generation');
    await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}`)).body.imapLastUid === 2, 'the new generation remembered');
    expect(await subjects()).toEqual(['After the folder was recreated', 'Arrived while polling', 'Before the mailbox existed', 'While the worker was down']);

    // Deleting the mailbox ends its polling: new mail is not imported.
    expect((await org.api.delete(`/mailboxes/${mailboxId}`)).status).toBe(204);
    const handle = stack.temporal.workflow.getHandle(`${org.orgId}/mailbox/${mailboxId}`);
    await eventually(async () => (await handle.describe()).status.name !== 'RUNNING', 'the polling workflow to end');
  });
});
