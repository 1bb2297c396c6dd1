import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOrg, type Org } from '../helpers/api-client';
import { startDovecotFolder, type DovecotFolder } from './dovecot-folder';
import { eventually, startEmailStack, tickets, uniqueAddress, type EmailStack } from './helpers';

let mail: DovecotFolder;
let stack: EmailStack;
let org: Org;

beforeAll(async () => {
  mail = await startDovecotFolder('Intake');
  stack = await startEmailStack({ imapListenMs: 1_500 });
  org = await signupOrg(stack.url);
});

afterAll(async () => {
  await stack?.stop();
  await mail?.stop();
});

function message(headers: string[], body: string): string {
  return [...headers, 'To: support@example.test', `Message-ID: <${randomUUID()}@customer.example>`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
}

describe('IMAP intake of mail without a From header', () => {
  it('files it under Return-Path; keeps a message with no sender at all as rejected mail, whose retry fails again with the reason', async () => {
    const created = await org.api.post('/mailboxes', {
      name: 'IMAP intake', address: uniqueAddress('imap-intake'), inboundMode: 'imap',
      imap: mail.settings,
    });
    expect(created.status).toBe(201);
    const mailboxId = created.body.id;
    const returnPath = `bounces-${randomUUID().slice(0, 6)}@customer.example`;
    const tag = randomUUID().slice(0, 6);
    await mail.imap.append(mail.folder, message([`Return-Path: <${returnPath}>`, `Subject: By Return-Path ${tag}`], 'no From'));
    await mail.imap.append(mail.folder, message(['Return-Path: <>', `Subject: From nobody ${tag}`], 'no sender anywhere'));
    await mail.imap.append(mail.folder, message([`From: casey-${tag}@customer.example`, `Subject: After nobody ${tag}`], 'a normal message'));

    // The message without a sender does not stop the ones after it.
    await eventually(async () => (await tickets(org.api)).some((ticket) => ticket.subject === `After nobody ${tag}`), 'the message after it');
    const byReturnPath = (await tickets(org.api)).find((ticket) => ticket.subject === `By Return-Path ${tag}`);
    expect(byReturnPath?.requester.email).toBe(returnPath);
    expect((await tickets(org.api)).some((ticket) => ticket.subject === `From nobody ${tag}`)).toBe(false);

    const rejected = await eventually(async () => (await org.api.get(`/mailboxes/${mailboxId}/rejected-mail`)).body.data[0], 'the rejected message');
    expect(rejected).toMatchObject({ source: 'imap', envelopeFrom: null, from: null, subject: `From nobody ${tag}`, retries: 0 });
    expect(rejected.reason).toMatch(/^no sender address/);

    const retried = await org.api.post(`/rejected-mail/${rejected.id}/retry`);
    expect(retried.status).toBe(422);
    expect(retried.headers.get('content-type')).toContain('application/problem+json');
    expect(retried.body.detail).toMatch(/^no sender address/);
    expect(retried.body.rejectedMail).toMatchObject({ id: rejected.id, retries: 1 });
    const still = (await org.api.get(`/mailboxes/${mailboxId}/rejected-mail`)).body.data;
    expect(still).toHaveLength(1);
    expect(still[0].retriedAt).not.toBeNull();
    expect((await org.api.delete(`/mailboxes/${mailboxId}`)).status).toBe(204);
  });
});
