import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Org } from '../helpers/api-client';
import { stackForSuite } from '../helpers/suite-stack';
import { createMailbox, eventually, send, sinkRelay, startRelaySuite, stopRelaySuite, tickets, timeline, uniqueAddress, type EmailStack, type Sink } from './helpers';

let stack: EmailStack;
let sink: Sink;
let org: Org;
let mailbox: { id: string; address: string };

stackForSuite(() => startRelaySuite(), (started) => ({ stack, sink, org } = started), stopRelaySuite);
beforeAll(async () => {
  mailbox = await createMailbox(org, { name: 'Intake', address: uniqueAddress('intake'), inboundMode: 'smtp', acknowledge: false, smtp: sinkRelay(sink) });
});

const customer = (local = 'customer') => `${local}-${randomUUID().slice(0, 8)}@customer.example`;
const encodedWord = (text: string) => `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** A message written byte for byte, as real-world mail sometimes is. */
function rawMessage(headers: Record<string, string>, body: string, contentType = 'text/plain; charset=utf-8'): string {
  return [
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `Message-ID: <${randomUUID()}@customer.example>`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

async function ticketBySubject(subject: string): Promise<any> {
  return eventually(async () => (await tickets(org.api)).find((ticket) => ticket.subject === subject), `ticket "${subject}"`);
}

describe('inbound SMTP intake of real-world mail', () => {
  it('cleans NUL bytes and unpaired surrogates from the body, subject and names, so the message lands on a ticket', async () => {
    const from = customer();
    const tag = randomUUID().slice(0, 6);
    await send(stack.smtpPort, {
      envelope: { from, to: [mailbox.address] },
      raw: rawMessage({ From: `${encodedWord('Ca\u0000sey')} <${from}>`, To: mailbox.address, Subject: encodedWord(`Nul\u0000 subject ${tag}`) }, 'before\u0000after the NUL byte'),
    });
    const ticket = await ticketBySubject(`Nul subject ${tag}`);
    expect(ticket.requester).toMatchObject({ email: from, name: 'Casey' });
    expect(ticket.description).toBe('beforeafter the NUL byte');

    // Decoded from UTF-16, an encoded word can hold half a surrogate pair (jsonb refuses it).
    const loneHalf = (before: string, after: string) => `=?utf-16le?B?${Buffer.concat([Buffer.from(before, 'utf16le'), Buffer.from([0x3d, 0xd8]), Buffer.from(after, 'utf16le')]).toString('base64')}?=`;
    const sam = customer();
    await send(stack.smtpPort, {
      envelope: { from: sam, to: [mailbox.address] },
      raw: rawMessage({ From: `${loneHalf('Sam', 'my')} <${sam}>`, To: mailbox.address, Subject: loneHalf('Surrogate ', ` ${tag}`) }, 'half a pair'),
    });
    const surrogate = await ticketBySubject(`Surrogate ${tag}`);
    expect(surrogate.requester.name).toBe('Sammy');
    const emails = (await org.api.get(`/tickets/${surrogate.number}/emails`)).body.data;
    expect(emails[0].subject).toBe(`Surrogate ${tag}`);
  });

  it('stores a display name that decodes to CR/LF as one line', async () => {
    const from = customer();
    const subject = `Header injection ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, {
      envelope: { from, to: [mailbox.address] },
      raw: rawMessage({ From: `${encodedWord('Casey\r\nBcc: victim@example.net')} <${from}>`, To: mailbox.address, Subject: subject }, 'hello'),
    });
    const ticket = await ticketBySubject(subject);
    expect(ticket.requester.name).toBe('Casey Bcc: victim@example.net');
  });

  it('files a message without From: under Sender:, else Reply-To:, else the envelope sender', async () => {
    const envelope = customer('envelope');
    const sender = customer('sender');
    const replyTo = customer('reply-to');
    const tag = randomUUID().slice(0, 6);
    await send(stack.smtpPort, { envelope: { from: envelope, to: [mailbox.address] }, raw: rawMessage({ Sender: `Sam Sender <${sender}>`, 'Reply-To': replyTo, To: mailbox.address, Subject: `By Sender ${tag}` }, 'no From header') });
    await send(stack.smtpPort, { envelope: { from: envelope, to: [mailbox.address] }, raw: rawMessage({ 'Reply-To': `Rory <${replyTo}>`, To: mailbox.address, Subject: `By Reply-To ${tag}` }, 'no From header') });
    await send(stack.smtpPort, { envelope: { from: envelope, to: [mailbox.address] }, raw: rawMessage({ To: mailbox.address, Subject: `By envelope ${tag}` }, 'no From header') });
    expect((await ticketBySubject(`By Sender ${tag}`)).requester).toMatchObject({ email: sender, name: 'Sam Sender' });
    expect((await ticketBySubject(`By Reply-To ${tag}`)).requester).toMatchObject({ email: replyTo, name: 'Rory' });
    expect((await ticketBySubject(`By envelope ${tag}`)).requester.email).toBe(envelope);
  });

  it('refuses a message with no sender address anywhere with a permanent 550 that says why', async () => {
    const subject = `Nobody ${randomUUID().slice(0, 6)}`;
    const before = (await tickets(org.api)).length;
    const refused = send(stack.smtpPort, { envelope: { from: '', to: [mailbox.address] }, raw: rawMessage({ From: 'undisclosed-recipients:;', To: mailbox.address, Subject: subject }, 'who am I') });
    await expect(refused).rejects.toMatchObject({ responseCode: 550 });
    await expect(refused).rejects.toThrow(/no sender address/);
    // Nothing half-written: no ticket, and the listener takes the next message.
    const next = `After nobody ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from: customer(), to: mailbox.address, subject: next, text: 'hi' });
    await ticketBySubject(next);
    expect((await tickets(org.api)).length).toBe(before + 1);
  });

  it('blocks remote (tracking) images in stored HTML, keeping their sources for the agent to load', async () => {
    const subject = `Newsletter ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, {
      from: customer(), to: mailbox.address, subject, text: 'see HTML',
      html: '<p>Hello</p><img src="https://tracker.example/open.gif?u=42" width="1" height="1">'
        + '<img src="http://cdn.example/logo.png" srcset="https://cdn.example/logo@2x.png 2x" alt="Logo">'
        + '<div style="background:url(https://tracker.example/bg.gif)">styled</div>',
    });
    const ticket = await ticketBySubject(subject);
    const html: string = (await org.api.get(`/tickets/${ticket.number}/emails`)).body.data[0].html;
    expect(html).not.toMatch(/\ssrc(set)?="https?:/);
    expect(html).not.toContain('url(');
    expect(html).toContain('data-remote-src="https://tracker.example/open.gif?u=42"');
    expect(html).toContain('data-remote-src="http://cdn.example/logo.png"');
    expect(html).toContain('data-remote-srcset="https://cdn.example/logo@2x.png 2x"');
    expect(html).toContain('alt="Logo"');
  });

  it('records a public reply to a requester without an email address, and says on the timeline that it was not sent', async () => {
    // Mail that came without any sender was once filed under a placeholder address.
    const created = await org.api.post('/tickets', {
      subject: `No address ${randomUUID().slice(0, 6)}`, description: 'from an unknown sender', channel: 'email',
      requester: { email: 'unknown-sender@keel.invalid' },
    });
    expect(created.status).toBe(201);
    const { number } = created.body;
    const replied = await org.api.post(`/tickets/${number}/replies`, { body: 'Who are you?', visibility: 'public' });
    expect(replied.status).toBe(200);
    const delivery = await eventually(async () => (await timeline(org.api, number)).find((event) => event.type === 'email_delivery'), 'the delivery entry');
    expect(delivery.data).toMatchObject({ kind: 'reply', state: 'failed', detail: 'not sent: requester has no email address' });
    expect((await timeline(org.api, number)).some((event) => event.type === 'replied' && event.data.body === 'Who are you?')).toBe(true);
    const out = (await org.api.get(`/tickets/${number}/emails`)).body.data.find((email: any) => email.direction === 'out');
    expect(out).toMatchObject({ status: 'failed', error: 'not sent: requester has no email address', to: [] });
    expect(sink.messages.some((message) => message.text?.includes('Who are you?'))).toBe(false);
  });
});
