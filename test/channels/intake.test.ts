import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../channels/inbound-message';
import { intake, type IntakeDeps } from '../../channels/intake';
import type { TicketTarget } from '../../channels/ticket-target';
import { ticketClient } from '../../clients/ticket-client';
import type { Org } from '../helpers/api-client';
import { stackForSuite } from '../helpers/suite-stack';
import { createMailbox, eventually, send, sinkRelay, startRelaySuite, stopRelaySuite, timeline, type EmailStack, type Sink, uniqueAddress } from '../email/helpers';

// One intake for every channel: a message given to `intake` directly and one carried by the
// SMTP adapter thread onto the same tickets, and a delivery retried is recorded once.
let stack: EmailStack;
let sink: Sink;
let org: Org;
let mailbox: { id: string; address: string };
let tickets: TicketTarget;
let deps: IntakeDeps;

stackForSuite(() => startRelaySuite(), (started) => ({ stack, sink, org } = started), stopRelaySuite);
beforeAll(async () => {
  mailbox = await createMailbox(org, { name: 'Intake', address: uniqueAddress('channels'), inboundMode: 'smtp', acknowledge: false, smtp: sinkRelay(sink) });
  tickets = ticketClient({ temporal: stack.temporal, taskQueue: stack.taskQueue, ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 } });
  deps = { db: stack.db, tickets, limits: { senderCap: 1_000, senderWindowMinutes: 60 } };
});

const customerAddress = () => `customer-${randomUUID().slice(0, 8)}@customer.example`;
const messageId = () => `${randomUUID()}@customer.example`;

/** A customer's message as an adapter would hand it over. */
function message(from: string, overrides: Partial<Omit<InboundMessage, 'thread'>> & { thread?: Partial<InboundMessage['thread']> } = {}): InboundMessage {
  const { thread, ...rest } = overrides;
  return {
    channel: 'email',
    to: { orgId: org.orgId, mailboxId: mailbox.id },
    sender: { address: from, name: 'Casey Customer' },
    recipients: [mailbox.address],
    subject: 'A question',
    text: 'hello',
    quoted: '',
    html: null,
    attachments: [],
    automated: null,
    receivedAt: new Date(),
    ...rest,
    thread: { messageId: messageId(), answers: [], ticketNumber: null, ...thread },
  };
}

async function replies(number: number, count: number): Promise<any[]> {
  return eventually(async () => {
    const events = (await timeline(org.api, number)).filter((event) => event.type === 'customer_replied');
    return events.length >= count && events;
  }, `${count} customer replies on #${number}`);
}

async function inbound(number: number): Promise<any[]> {
  return (await org.api.get(`/tickets/${number}/emails`)).body.data.filter((email: any) => email.direction === 'in');
}

async function ticketWithSubject(subject: string): Promise<any> {
  return eventually(async () => {
    const response = await org.api.get('/tickets?limit=100');
    return response.body.data.find((ticket: any) => ticket.subject === subject);
  }, `ticket "${subject}"`);
}

describe('intake', () => {
  it('threads a new message, a reply and an automated message onto one ticket, given directly or over SMTP', async () => {
    const from = customerAddress();
    const subject = `Intake ${randomUUID().slice(0, 6)}`;
    const first = message(from, { subject, text: 'the printer is broken' });
    const opened = await intake(deps, first);
    expect(opened).toMatchObject({ outcome: 'ticket', messageId: first.thread.messageId });
    if (opened.outcome !== 'ticket') throw new Error('no ticket');
    const ticket = await ticketWithSubject(subject);
    expect(ticket).toMatchObject({ number: opened.number, channel: 'email', description: 'the printer is broken', requester: { email: from, name: 'Casey Customer' } });

    // Over SMTP, a reply by In-Reply-To to the message given directly.
    const smtpReply = messageId();
    await send(stack.smtpPort, { from, to: mailbox.address, subject: `Re: ${subject}`, text: 'still broken', messageId: `<${smtpReply}>`, inReplyTo: `<${first.thread.messageId}>` });
    await replies(opened.number, 1);

    // Directly, a reply to the SMTP reply, and an automated message answering the first.
    const direct = await intake(deps, message(from, { subject, text: 'any news?', thread: { answers: [smtpReply] } }));
    expect(direct).toMatchObject({ outcome: 'reply', number: opened.number });
    const robot = await intake(deps, message(from, {
      subject, text: 'I am out of office', thread: { answers: [first.thread.messageId] }, automated: { kind: 'auto_reply', reason: 'Auto-Submitted: auto-replied', failed: [] },
    }));
    expect(robot).toMatchObject({ outcome: 'reply', number: opened.number });

    // Over SMTP, an automated message to the same thread.
    await send(stack.smtpPort, {
      from, to: mailbox.address, subject: `Automatic reply: ${subject}`, text: 'Back on Monday', inReplyTo: `<${first.thread.messageId}>`, headers: { 'Auto-Submitted': 'auto-replied' },
    });

    const events = await replies(opened.number, 4);
    expect(events.map((event) => event.data.body)).toEqual(['still broken', 'any news?', 'I am out of office', 'Back on Monday']);
    expect(events.map((event) => Boolean(event.data.email.automated))).toEqual([false, false, true, true]);
    const mails = await inbound(opened.number);
    expect(mails).toHaveLength(5);
    expect(mails.filter((mail) => mail.openedTicket).map((mail) => mail.messageId)).toEqual([first.thread.messageId]);
    expect(mails.filter((mail) => mail.kind === 'auto_reply')).toHaveLength(2);
  });

  it('threads a message given directly onto a ticket the SMTP adapter opened', async () => {
    const from = customerAddress();
    const subject = `Over SMTP ${randomUUID().slice(0, 6)}`;
    const first = messageId();
    await send(stack.smtpPort, { from, to: mailbox.address, subject, text: 'opened by mail', messageId: `<${first}>` });
    const ticket = await ticketWithSubject(subject);
    const reply = await intake(deps, message(from, { subject, text: 'given directly', thread: { answers: [first] } }));
    expect(reply).toEqual({ outcome: 'reply', number: ticket.number, messageId: expect.any(String) });
    // A ticket number the sender named is taken because the sender wrote on that ticket.
    const named = await intake(deps, message(from, { subject, text: 'by number', thread: { ticketNumber: ticket.number } }));
    expect(named).toMatchObject({ outcome: 'reply', number: ticket.number });
    expect((await replies(ticket.number, 2)).map((event) => event.data.body)).toEqual(['given directly', 'by number']);
  });

  it('records a delivery once however often it is retried, directly or over SMTP', async () => {
    const from = customerAddress();
    const subject = `Retried ${randomUUID().slice(0, 6)}`;
    const first = message(from, { subject, text: 'once' });
    // Two deliveries at once: one opens the ticket; the other sees it, or loses the race on
    // the inbound row and fails as transient (an SMTP sender is told 451 and retries).
    const settled = await Promise.allSettled([intake(deps, first), intake(deps, first)]);
    const taken = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const opened = taken.find((outcome) => outcome.outcome === 'ticket');
    if (opened?.outcome !== 'ticket') throw new Error(`no ticket: ${JSON.stringify(settled)}`);
    expect(taken.filter((outcome) => outcome !== opened).map((outcome) => outcome.outcome)).toEqual(taken.length === 2 ? ['duplicate'] : []);
    const { number } = opened;
    expect(await intake(deps, first)).toMatchObject({ outcome: 'duplicate', number });

    const reply = messageId();
    const mail = { from, to: mailbox.address, subject: `Re: ${subject}`, text: 'said once', messageId: `<${reply}>`, inReplyTo: `<${first.thread.messageId}>` };
    await send(stack.smtpPort, mail);
    await send(stack.smtpPort, mail);
    expect(await intake(deps, message(from, { subject, text: 'said once', thread: { messageId: reply } }))).toMatchObject({ outcome: 'duplicate', number });
    await intake(deps, message(from, { subject, text: 'marker', thread: { answers: [first.thread.messageId] } }));

    const events = await eventually(async () => {
      const found = (await timeline(org.api, number)).filter((event) => event.type === 'customer_replied');
      return found.some((event) => event.data.body === 'marker') && found;
    }, 'the marker reply');
    expect(events.map((event) => event.data.body)).toEqual(['said once', 'marker']);
    const rows = await inbound(number);
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.messageId)).toEqual(expect.arrayContaining([first.thread.messageId, reply]));
    expect((await org.api.get('/tickets?limit=100')).body.data.filter((ticket: any) => ticket.subject === subject)).toHaveLength(1);
  });

  it('finishes a claimed delivery whose ticket could not be opened the first time, on the same ticket number', async () => {
    const from = customerAddress();
    const subject = `Crashed ${randomUUID().slice(0, 6)}`;
    const first = message(from, { subject, text: 'after a crash' });
    const down: TicketTarget = { ...tickets, open: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) };
    await expect(intake({ ...deps, tickets: down }, first)).rejects.toThrow('ECONNREFUSED');
    // A fresh claim is another delivery's to finish; an admin's retry (or a stale claim) finishes it.
    expect(await intake(deps, first)).toMatchObject({ outcome: 'duplicate' });
    const finished = await intake(deps, first, { retry: true });
    expect(finished.outcome).toBe('ticket');
    const ticket = await ticketWithSubject(subject);
    expect(finished).toMatchObject({ number: ticket.number });
    expect(await inbound(ticket.number)).toEqual([expect.objectContaining({ messageId: first.thread.messageId, status: 'delivered', openedTicket: true })]);
    expect(await intake(deps, first, { retry: true })).toMatchObject({ outcome: 'duplicate', number: ticket.number });
  });
});
