import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MailSecrets } from '../../activities/email/secrets';
import { connect, type Db } from '../../db/connection';
import { addMember, signupOrg, type Org } from '../helpers/api-client';
import { stackForSuite } from '../helpers/suite-stack';
import { TEST_MAIL_KEY, eventually, send, sinkRelay, startRelaySuite, stopRelaySuite, uniqueAddress, type EmailStack, type Sink } from './helpers';

let stack: EmailStack;
let sink: Sink;
let org: Org;
let owner: Db;

stackForSuite(() => startRelaySuite(), (started) => ({ stack, sink, org } = started), stopRelaySuite);
beforeAll(() => {
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 2 } });
});
afterAll(async () => {
  await owner?.destroy();
});

const smtp = () => sinkRelay(sink);

describe('/mailboxes', () => {
  it('creates, reads, changes and deletes mailboxes, sealing credentials and never returning them', async () => {
    const address = uniqueAddress('Support');
    const created = await org.api.post('/mailboxes', { name: 'Support', address, inboundMode: 'smtp', smtp: smtp() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Support', address: address.toLowerCase(), inboundMode: 'smtp', smtp: { host: '127.0.0.1', hasPassword: true }, acknowledge: true });
    expect(JSON.stringify(created.body)).not.toContain('relay-secret');
    expect(created.body.ackSubject).toContain('{{ticket.number}}');

    const row = await owner('mailboxes').where({ id: created.body.id }).first();
    expect(row.smtp_password_enc).not.toContain('relay-secret');
    const secrets = new MailSecrets(TEST_MAIL_KEY);
    expect(secrets.decrypt(row.smtp_password_enc, `${org.orgId}/${created.body.id}/smtp`)).toBe('relay-secret');
    // Sealed for this mailbox and purpose: the same ciphertext does not open elsewhere.
    expect(() => secrets.decrypt(row.smtp_password_enc, `${org.orgId}/${created.body.id}/imap`)).toThrow();

    const listed = await org.api.get('/mailboxes');
    expect(listed.body.data.map((mailbox: any) => mailbox.id)).toContain(created.body.id);
    expect(JSON.stringify(listed.body)).not.toContain('relay-secret');

    // A password absent from a change is kept; null clears it.
    const renamed = await org.api.patch(`/mailboxes/${created.body.id}`, { name: 'Help desk', smtp: { host: '127.0.0.1', port: sink.port, tls: 'none', username: 'relay-user' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Help desk', smtp: { hasPassword: true } });
    const cleared = await org.api.patch(`/mailboxes/${created.body.id}`, { smtp: { ...smtp(), password: null } });
    expect(cleared.body.smtp.hasPassword).toBe(false);

    expect((await org.api.delete(`/mailboxes/${created.body.id}`)).status).toBe(204);
    expect((await org.api.get(`/mailboxes/${created.body.id}`)).status).toBe(404);
  });

  it('validates input, refuses a taken address (even in another org) and keeps agents out', async () => {
    const invalid = await org.api.post('/mailboxes', { name: 'x', address: 'not-an-address', inboundMode: 'imap' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    const pointers = invalid.body.errors.map((error: any) => error.pointer);
    expect(pointers).toContain('/address');

    const address = uniqueAddress('taken');
    expect((await org.api.post('/mailboxes', { name: 'A', address, inboundMode: 'smtp' })).status).toBe(201);
    const other = await signupOrg(stack.url);
    const taken = await other.api.post('/mailboxes', { name: 'B', address, inboundMode: 'smtp' });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toContain('mailbox-address-taken');
    // Org B sees none of org A's mailboxes.
    expect((await other.api.get('/mailboxes')).body.data).toEqual([]);

    const agent = await addMember(org, 'agent');
    expect((await agent.api.get('/mailboxes')).status).toBe(403);
  });

  it('sends a test message through the outbound relay, and reports a relay that refuses', async () => {
    const good = await org.api.post('/mailboxes', { name: 'Test me', address: uniqueAddress('test'), inboundMode: 'smtp', smtp: smtp() });
    const sent = await org.api.post(`/mailboxes/${good.body.id}/test`, { to: 'someone@example.net' });
    expect(sent.status).toBe(200);
    const message = await eventually(async () => sink.messages.find((candidate) => candidate.messageId === `<${sent.body.messageId}>`), 'the test message');
    expect(message.subject).toBe('Keel test message from Test me');

    const wrong = await org.api.post('/mailboxes', { name: 'Wrong password', address: uniqueAddress('wrong'), inboundMode: 'smtp', smtp: { ...smtp(), password: 'nope' } });
    const refused = await org.api.post(`/mailboxes/${wrong.body.id}/test`, {});
    expect(refused.status).toBe(502);
    expect(refused.body.type).toContain('smtp-auth-failed');
    expect(JSON.stringify(refused.body)).not.toContain('nope');
    // The relay's own reply ("Invalid credentials") is not echoed.
    expect(JSON.stringify(refused.body)).not.toContain('Invalid credentials');

    const none = await org.api.post('/mailboxes', { name: 'No relay', address: uniqueAddress('norelay'), inboundMode: 'smtp' });
    expect((await org.api.post(`/mailboxes/${none.body.id}/test`, {})).status).toBe(422);
  });

  it('answers a relay that is no SMTP server with a generic problem, never with what it said', async () => {
    // Whatever listens on a host and port: the endpoint must not become a way to read its banner.
    const service = createServer((socket) => socket.end('554 internal-service-9 secret-banner\r\n'));
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    try {
      const port = (service.address() as AddressInfo).port;
      const probe = await org.api.post('/mailboxes', { name: 'Probe', address: uniqueAddress('probe'), inboundMode: 'smtp', smtp: { host: '127.0.0.1', port, tls: 'none', username: null } });
      const answer = await org.api.post(`/mailboxes/${probe.body.id}/test`, { to: 'someone@example.net' });
      expect(answer.status).toBe(502);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(answer.body)).not.toMatch(/secret-banner|internal-service|554/);
    } finally {
      await new Promise<void>((resolve) => service.close(() => resolve()));
    }
  });

  it('stops accepting mail for a deleted mailbox at RCPT', async () => {
    const address = uniqueAddress('gone');
    const created = await org.api.post('/mailboxes', { name: 'Gone', address, inboundMode: 'smtp' });
    await send(stack.smtpPort, { from: 'a@customer.example', to: address, subject: 'hello', text: 'hi' });
    await org.api.delete(`/mailboxes/${created.body.id}`);
    await expect(send(stack.smtpPort, { from: 'a@customer.example', to: address, subject: 'hello again', text: 'hi' })).rejects.toMatchObject({ responseCode: 550 });
  });
});
