import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { signupOrg, type Org } from '../helpers/api-client';
import { stackForSuite } from '../helpers/suite-stack';
import { createMailbox, eventually, send, sinkRelay, startRelaySuite, stopRelaySuite, tickets, timeline, uniqueAddress, type EmailStack, type Sink } from './helpers';

let stack: EmailStack;
let sink: Sink;
let org: Org;
let mailbox: { id: string; address: string };

const settings = { senderCap: 4, maxMessageBytes: 200_000, maxAttachmentBytes: 50_000 };
stackForSuite(() => startRelaySuite({ settings }), (started) => ({ stack, sink, org } = started), stopRelaySuite);
beforeAll(async () => {
  mailbox = await createMailbox(org, { name: 'Acme Support', address: uniqueAddress('help'), inboundMode: 'smtp', smtp: sinkRelay(sink) });
});

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const customer = () => `customer-${randomUUID().slice(0, 8)}@customer.example`;

async function ticketBySubject(subject: string): Promise<any> {
  return eventually(async () => (await tickets(org.api)).find((ticket) => ticket.subject === subject), `ticket "${subject}"`);
}

/** A new customer mails the mailbox: answers who sent it, its subject and the ticket it opened. */
async function mailNewTicket(topic: string, mail: { text: string; messageId?: string }): Promise<{ from: string; subject: string; ticket: any }> {
  const from = customer();
  const subject = `${topic} ${randomUUID().slice(0, 6)}`;
  await send(stack.smtpPort, { from, to: mailbox.address, subject, ...mail });
  return { from, subject, ticket: await ticketBySubject(subject) };
}

describe('inbound SMTP', () => {
  it('turns a message into an email ticket with its requester, sanitised HTML and stored attachments', async () => {
    const from = customer();
    const subject = `Printer on fire ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, {
      from: `Casey Customer <${from}>`, to: mailbox.address, subject,
      text: 'The office printer emits smoke.\n\nCasey',
      html: '<p>The office printer <b>emits smoke</b>.</p><script>alert(1)</script><a href="javascript:alert(2)">x</a><img src="x" onerror="alert(3)">'
        + '<img src="cid:photo@casey" alt="photo"><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="svg">',
      attachments: [
        { filename: 'photo.png', content: PNG, contentType: 'image/png', cid: 'photo@casey' },
        { filename: 'smoke.txt', content: 'smoke level: high', contentType: 'text/plain' },
        { filename: 'tool.exe', content: Buffer.from('MZ....'), contentType: 'application/x-msdownload' },
        { filename: 'huge.bin', content: Buffer.alloc(60_000, 1), contentType: 'application/octet-stream' },
      ],
    });
    const ticket = await ticketBySubject(subject);
    expect(ticket).toMatchObject({ channel: 'email', status: 'new', requester: { email: from, name: 'Casey Customer' } });
    expect(ticket.description).toContain('The office printer emits smoke.');

    const emails = (await org.api.get(`/tickets/${ticket.number}/emails`)).body.data;
    const inbound = emails.find((email: any) => email.direction === 'in');
    expect(inbound.openedTicket).toBe(true);
    expect(inbound.html).toContain('<b>emits smoke</b>');
    expect(inbound.html).not.toMatch(/script|javascript:|onerror/i);
    // The inline image is shown from the stored HTML; other data: sources are dropped.
    expect(inbound.html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(inbound.html).not.toContain('svg');
    const byName = Object.fromEntries(inbound.attachments.map((attachment: any) => [attachment.filename, attachment]));
    expect(byName['smoke.txt']).toMatchObject({ stored: true, refused: null, size: 17 });
    expect(byName['photo.png']).toMatchObject({ stored: true, inline: true });
    expect(byName['tool.exe']).toMatchObject({ stored: false, refused: 'blocked file type' });
    expect(byName['huge.bin'].stored).toBe(false);
    expect(byName['huge.bin'].refused).toMatch(/larger than/);

    const download = await fetch(`${stack.url}/api/v1/tickets/${ticket.number}/attachments/${byName['smoke.txt'].id}`, { headers: { authorization: `Bearer ${org.api.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment; filename="smoke.txt"');
    expect(await download.text()).toBe('smoke level: high');

    // Another org can reach neither the emails nor the file, even knowing the ids.
    const other = await signupOrg(stack.url);
    expect((await other.api.get(`/tickets/${ticket.number}/emails`)).status).toBe(404);
    expect((await other.api.get(`/tickets/${ticket.number}/attachments/${byName['smoke.txt'].id}`)).status).toBe(404);
  });

  it('refuses unknown recipients at RCPT and oversized messages, and stays up for the next message', async () => {
    const unknown = send(stack.smtpPort, { from: customer(), to: 'nobody@nowhere.example', subject: 'hello', text: 'hi' });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });
    const oversized = send(stack.smtpPort, { from: customer(), to: mailbox.address, subject: 'big', text: 'x'.repeat(300_000) });
    await expect(oversized).rejects.toMatchObject({ responseCode: 552 });
    const subject = `After refusals ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from: customer(), to: mailbox.address, subject, text: 'still there?' });
    await ticketBySubject(subject);
  });

  it('threads replies by In-Reply-To and by [#n] from the requester; the same Message-ID twice is one event', async () => {
    const first = `<${randomUUID()}@customer.example>`;
    const { from, subject, ticket } = await mailNewTicket('Threading', { text: 'first message', messageId: first });

    const second = `<${randomUUID()}@customer.example>`;
    const reply = { from, to: mailbox.address, subject: `Re: ${subject}`, text: 'second message\n\nOn Monday, Casey wrote:\n> first message', messageId: second, inReplyTo: first, references: [first] };
    await send(stack.smtpPort, reply);
    await send(stack.smtpPort, reply);
    await send(stack.smtpPort, { from, to: mailbox.address, subject: `Re: ${subject} [#${ticket.number}]`, text: 'third message, by token' });
    // A stranger guessing the ticket number starts a ticket of their own.
    await send(stack.smtpPort, { from: customer(), to: mailbox.address, subject: `Hijack [#${ticket.number}]`, text: 'let me in' });

    const replies = await eventually(async () => {
      const events = (await timeline(org.api, ticket.number)).filter((event) => event.type === 'customer_replied');
      return events.length >= 2 && events;
    }, 'two customer replies');
    expect(replies.map((event: any) => event.data.body)).toEqual(['second message', 'third message, by token']);
    expect(replies[0].data.email.messageId).toBe(second.slice(1, -1));
    await ticketBySubject('Hijack');

    const emails = (await org.api.get(`/tickets/${ticket.number}/emails`)).body.data.filter((email: any) => email.direction === 'in');
    expect(emails).toHaveLength(3);
    expect(emails[1].quoted).toContain('> first message');
    // Settled: the duplicate never became a third reply.
    expect((await timeline(org.api, ticket.number)).filter((event) => event.type === 'customer_replied')).toHaveLength(2);
  });

  it('takes an email delivered twice to the ticket workflow (an ingest retried after a crash) as one reply', async () => {
    const { from, ticket } = await mailNewTicket('Redelivered', { text: 'first' });
    const handle = stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, ticket.number));
    const message = { body: 'said once', email: { messageId: `${randomUUID()}@customer.example`, from } };
    await handle.signal(ticketMessages.customerMessage, message);
    await handle.signal(ticketMessages.customerMessage, message);
    await handle.signal(ticketMessages.customerMessage, { body: 'marker' });
    const replies = await eventually(async () => {
      const events = (await timeline(org.api, ticket.number)).filter((event) => event.type === 'customer_replied');
      return events.some((event) => event.data.body === 'marker') && events;
    }, 'the marker reply');
    expect(replies.map((event: any) => event.data.body)).toEqual(['said once', 'marker']);
  });

  it("sends agents' public replies with threading headers, acknowledges once per sender, and shows delivery on the timeline", async () => {
    const original = `<${randomUUID()}@customer.example>`;
    const { from, subject, ticket } = await mailNewTicket('Outbound', { text: 'please answer', messageId: original });

    const ack = await eventually(async () => sink.messages.find((message) => message.to && JSON.stringify(message.to).includes(from)), 'the acknowledgement');
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.subject).toContain(`[#${ticket.number}]`);
    expect(ack.inReplyTo).toBe(original);
    expect(ack.text).toContain(`ticket #${ticket.number}`);

    const internal = await org.api.post(`/tickets/${ticket.number}/replies`, { body: 'note to self', visibility: 'internal' });
    expect(internal.status).toBe(200);
    const replied = await org.api.post(`/tickets/${ticket.number}/replies`, { body: 'Unplug it, then call us.', visibility: 'public' });
    expect(replied.status).toBe(200);
    const answer = await eventually(async () => sink.messages.find((message) => message.text?.includes('Unplug it')), 'the reply');
    expect(answer.subject).toBe(`Re: ${subject} [#${ticket.number}]`);
    expect(answer.from?.value[0]?.address).toBe(mailbox.address);
    expect(answer.inReplyTo).toBe(original);
    expect(answer.references).toContain(original);
    expect(answer.messageId).toMatch(new RegExp(`^<ticket-${ticket.number}-\\d+\\.`));
    expect(sink.messages.filter((message) => message.text?.includes('note to self'))).toHaveLength(0);

    const deliveries = await eventually(async () => {
      const events = (await timeline(org.api, ticket.number)).filter((event) => event.type === 'email_delivery');
      return events.length >= 2 && events;
    }, 'delivery events');
    expect(deliveries.map((event: any) => [event.data.kind, event.data.state])).toEqual([['acknowledgement', 'sent'], ['reply', 'sent']]);

    // The customer answers the agent's email: it threads by the agent's Message-ID.
    await send(stack.smtpPort, { from, to: mailbox.address, subject: `Re: ${subject}`, text: 'Done, thanks', inReplyTo: answer.messageId, references: [answer.messageId!] });
    await eventually(async () => (await timeline(org.api, ticket.number)).some((event) => event.type === 'customer_replied' && event.data.body === 'Done, thanks'), 'the answer threaded');

    // A second new ticket from the same sender within 7 days gets no second acknowledgement.
    const again = `Outbound again ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from, to: mailbox.address, subject: again, text: 'another thing' });
    const second = await ticketBySubject(again);
    const suppressed = await eventually(async () => (await timeline(org.api, second.number)).find((event) => event.type === 'email_delivery'), 'the suppressed ack');
    expect(suppressed.data).toMatchObject({ kind: 'acknowledgement', state: 'suppressed' });
    expect(sink.messages.filter((message) => message.headers.get('auto-submitted') === 'auto-replied' && JSON.stringify(message.to).includes(from))).toHaveLength(1);
  });

  it('puts a relay\'s permanent refusal on the timeline as a failed delivery', async () => {
    const refusing = await createMailbox(org, {
      name: 'Refusing relay', address: uniqueAddress('refused'), inboundMode: 'smtp', acknowledge: false,
      smtp: { host: '127.0.0.1', port: sink.port, tls: 'none', username: 'relay-user', password: 'wrong-password' },
    });
    const subject = `Refused ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from: customer(), to: refusing.address, subject, text: 'hello' });
    const ticket = await ticketBySubject(subject);
    expect((await org.api.post(`/tickets/${ticket.number}/replies`, { body: 'This will not arrive.', visibility: 'public' })).status).toBe(200);
    const delivery = await eventually(async () => (await timeline(org.api, ticket.number)).find((event) => event.type === 'email_delivery'), 'the failed delivery');
    expect(delivery.data).toMatchObject({ kind: 'reply', state: 'failed' });
    expect(delivery.data.detail).toMatch(/auth|credentials|535/i);
    const emails = (await org.api.get(`/tickets/${ticket.number}/emails`)).body.data;
    expect(emails.find((email: any) => email.direction === 'out')).toMatchObject({ status: 'failed' });
  });

  it('gives robots no acknowledgement: auto-submitted, bulk and list mail, and a naive autoresponder stops after two messages', async () => {
    for (const headers of [{ 'Auto-Submitted': 'auto-replied' }, { Precedence: 'bulk' }, { 'List-Id': '<news.example>' }, { 'X-Autoreply': 'yes' }]) {
      const robot = customer();
      const subject = `Robot ${Object.keys(headers)[0]} ${randomUUID().slice(0, 6)}`;
      await send(stack.smtpPort, { from: robot, to: mailbox.address, subject, text: 'I am away', headers });
      const ticket = await ticketBySubject(subject);
      const emails = (await org.api.get(`/tickets/${ticket.number}/emails`)).body.data;
      expect(emails[0].noise).toBeTruthy();
      expect((await timeline(org.api, ticket.number)).filter((event) => event.type === 'email_delivery')).toHaveLength(0);
    }

    // An autoresponder that marks nothing answers every message with a new one.
    const robot = customer();
    const first = `Naive robot ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from: robot, to: mailbox.address, subject: first, text: 'message 1' });
    const ackToRobot = await eventually(async () => sink.messages.find((message) => JSON.stringify(message.to).includes(robot)), 'the first ack');
    const second = `Naive robot answers ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from: robot, to: mailbox.address, subject: second, text: `Thanks for: ${ackToRobot.subject}` });
    const ticket = await ticketBySubject(second);
    const delivery = await eventually(async () => (await timeline(org.api, ticket.number)).find((event) => event.type === 'email_delivery'), 'the second ack decision');
    expect(delivery.data.state).toBe('suppressed');
    expect(sink.messages.filter((message) => JSON.stringify(message.to).includes(robot))).toHaveLength(1);
  });

  it("records an out-of-office answer on its ticket without reopening it", async () => {
    const { from, ticket } = await mailNewTicket('Waiting on customer', { text: 'help' });
    await org.api.post(`/tickets/${ticket.number}/replies`, { body: 'Which model is it?', visibility: 'public' });
    expect((await org.api.post(`/tickets/${ticket.number}/status`, { status: 'pending' })).body.status).toBe('pending');
    const question = await eventually(async () => sink.messages.find((message) => message.text?.includes('Which model is it?') && JSON.stringify(message.to).includes(from)), 'the question');

    await send(stack.smtpPort, { from, to: mailbox.address, subject: `Automatic reply: ${question.subject}`, text: 'I am on holiday.', inReplyTo: question.messageId, headers: { 'Auto-Submitted': 'auto-replied' } });
    const reply = await eventually(async () => (await timeline(org.api, ticket.number)).find((event) => event.type === 'customer_replied'), 'the recorded auto-reply');
    expect(reply.data.email.automated).toBe(true);
    expect((await org.api.get(`/tickets/${ticket.number}`)).body.status).toBe('pending');

    // The person's own answer does reopen it.
    await send(stack.smtpPort, { from, to: mailbox.address, subject: `Re: ${question.subject}`, text: 'Model X', inReplyTo: question.messageId });
    await eventually(async () => (await org.api.get(`/tickets/${ticket.number}`)).body.status === 'open', 'the ticket to reopen');
  });

  it('marks a contact as bouncing from a delivery status notification, opens no ticket, and stops mailing them', async () => {
    const { from, ticket } = await mailNewTicket('Will bounce', { text: 'hello' });
    await eventually(async () => (await timeline(org.api, ticket.number)).some((event) => event.type === 'email_delivery'), 'the ack');
    const before = (await tickets(org.api)).length;

    const dsn = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>`,
      `To: ${mailbox.address}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <${randomUUID()}@mx.customer.example>`,
      `Auto-Submitted: auto-replied`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="b1"`,
      ``,
      `--b1`,
      `Content-Type: text/plain`,
      ``,
      `I'm sorry to have to inform you that your message could not be delivered.`,
      `--b1`,
      `Content-Type: message/delivery-status`,
      ``,
      `Reporting-MTA: dns; mx.customer.example`,
      ``,
      `Final-Recipient: rfc822; ${from}`,
      `Action: failed`,
      `Status: 5.1.1`,
      ``,
      `--b1--`,
      ``,
    ].join('\r\n');
    await send(stack.smtpPort, { envelope: { from: '', to: [mailbox.address] }, raw: dsn });

    const replied = await org.api.post(`/tickets/${ticket.number}/replies`, { body: 'Are you there?', visibility: 'public' });
    expect(replied.status).toBe(200);
    const delivery = await eventually(async () => (await timeline(org.api, ticket.number)).find((event) => event.type === 'email_delivery' && event.data.kind === 'reply'), 'the reply decision');
    expect(delivery.data).toMatchObject({ state: 'suppressed' });
    expect(delivery.data.detail).toContain('bounces');
    expect(sink.messages.some((message) => message.text?.includes('Are you there?'))).toBe(false);
    expect((await tickets(org.api)).length).toBe(before);
  });

  it('holds mail from a sender over the per-sender cap as rejected mail without opening tickets', async () => {
    const from = customer();
    const subjects = Array.from({ length: 6 }, (_, index) => `Flood ${index} ${randomUUID().slice(0, 6)}`);
    for (const subject of subjects) await send(stack.smtpPort, { from, to: mailbox.address, subject, text: 'again' });
    // Every message was answered 250 (so a looping sender stops retrying); four became tickets.
    const mine = (await tickets(org.api)).filter((ticket) => ticket.requester.email === from);
    expect(mine.map((ticket) => ticket.subject).sort()).toEqual(subjects.slice(0, 4).sort());
    // The other two wait for an admin instead of being dropped.
    const held = (await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail`)).body.data.filter((row: any) => row.from === from);
    expect(held.map((row: any) => [row.subject, row.reason]).sort()).toEqual(subjects.slice(4).map((subject) => [subject, 'sender rate limit']));
  });
});
