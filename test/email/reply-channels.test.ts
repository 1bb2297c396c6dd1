import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { signupOrg, type Org } from '../helpers/api-client';
import { createMailbox, eventually, startEmailStack, startSink, timeline, uniqueAddress, type EmailStack } from './helpers';

let stack: EmailStack;
let sink: Awaited<ReturnType<typeof startSink>>;
/** An org with an inbound-only mailbox first, then one that sends through the sink. */
let org: Org;
let outbound: { id: string; address: string };
/** An org with no mailbox at all. */
let bare: Org;

beforeAll(async () => {
  sink = await startSink();
  stack = await startEmailStack();
  org = await signupOrg(stack.url);
  await createMailbox(org, { name: 'Inbound only', address: uniqueAddress('inbound-only'), inboundMode: 'smtp', acknowledge: false });
  outbound = await createMailbox(org, {
    name: 'Support', address: uniqueAddress('support'), inboundMode: 'smtp', acknowledge: false,
    smtp: { host: '127.0.0.1', port: sink.port, tls: 'none', username: 'relay-user', password: 'relay-secret' },
  });
  bare = await signupOrg(stack.url);
});

afterAll(async () => {
  await stack?.stop();
  await sink?.stop();
});

const requester = () => `requester-${randomUUID().slice(0, 8)}@customer.example`;

async function openTicket(api: Org['api'], channel: string, email = requester()): Promise<number> {
  const created = await api.post('/tickets', { subject: `Via ${channel} ${randomUUID().slice(0, 6)}`, description: 'opened without email', channel, requester: { email } });
  expect(created.status).toBe(201);
  return created.body.number;
}

async function reply(api: Org['api'], number: number, body: string, visibility: 'public' | 'internal'): Promise<void> {
  const replied = await api.post(`/tickets/${number}/replies`, { body, visibility });
  expect(replied.status).toBe(200);
}

const deliveries = async (api: Org['api'], number: number) => (await timeline(api, number)).filter((event) => event.type === 'email_delivery');

/** Deliveries the ticket's workflow scheduled: the Update that recorded a reply also scheduled its mail, if any. */
async function scheduledDeliveries(orgId: string, number: number): Promise<number> {
  const history = await stack.temporal.workflow.getHandle(ticketWorkflowId(orgId, number)).fetchHistory();
  return (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverTicketEmail').length;
}

describe('public replies on tickets that did not come by email', () => {
  it('mails the public reply on an API ticket to the requester from the org\'s first mailbox that sends, and says so on the timeline', async () => {
    const to = requester();
    const number = await openTicket(org.api, 'api', to);
    await reply(org.api, number, 'Your order ships tomorrow.', 'public');

    const mail = await eventually(async () => sink.messages.find((message) => message.text?.includes('Your order ships tomorrow.')), 'the mailed reply');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe(to);
    expect(mail.from?.value[0]?.address).toBe(outbound.address);
    expect(mail.subject).toContain(`[#${number}]`);
    // No inbound thread: a new Message-ID, and nothing it replies to.
    expect(mail.messageId).toMatch(new RegExp(`^<ticket-${number}-\\d+\\.`));
    expect(mail.inReplyTo).toBeUndefined();

    const sent = await eventually(async () => (await deliveries(org.api, number)).find((event) => event.data.state === 'sent'), 'the sent entry');
    expect(sent.data).toMatchObject({ kind: 'reply', state: 'sent', to, messageId: mail.messageId?.slice(1, -1) });

    // The next reply threads under the first.
    await reply(org.api, number, 'It has shipped.', 'public');
    const next = await eventually(async () => sink.messages.find((message) => message.text?.includes('It has shipped.')), 'the second reply');
    expect(next.inReplyTo).toBe(mail.messageId);
    expect(next.messageId).not.toBe(mail.messageId);
  });

  it('says on the timeline that a public reply was not sent when the organization has no mailbox', async () => {
    const number = await openTicket(bare.api, 'api');
    await reply(bare.api, number, 'We will call you back.', 'public');
    const failed = await eventually(async () => (await deliveries(bare.api, number))[0], 'the delivery entry');
    expect(failed.data).toMatchObject({ kind: 'reply', state: 'failed', detail: 'not sent: the organization has no mailbox to send from', to: null });
    expect((await timeline(bare.api, number)).some((event) => event.type === 'replied' && event.data.body === 'We will call you back.')).toBe(true);
  });

  it('mails phone and web tickets\' public replies too, but never an internal note nor a chat\'s replies', async () => {
    const phone = await openTicket(org.api, 'phone');
    await reply(org.api, phone, 'Internal: customer sounded upset.', 'internal');
    expect(await scheduledDeliveries(org.orgId, phone)).toBe(0);
    await reply(org.api, phone, 'As discussed on the phone, here is the link.', 'public');
    expect(await scheduledDeliveries(org.orgId, phone)).toBe(1);

    const chat = await openTicket(org.api, 'chat');
    await reply(org.api, chat, 'Anything else I can help with?', 'public');
    expect(await scheduledDeliveries(org.orgId, chat)).toBe(0);

    const web = await openTicket(org.api, 'web');
    await reply(org.api, web, 'Fixed on our side.', 'public');
    await eventually(async () => sink.messages.some((message) => message.text?.includes('Fixed on our side.')), 'the web ticket\'s reply');
    await eventually(async () => (await deliveries(org.api, phone)).some((event) => event.data.state === 'sent'), 'the phone ticket\'s reply');
    const mailed = (text: string) => sink.messages.some((message) => message.text?.includes(text));
    expect(mailed('As discussed on the phone')).toBe(true);
    expect(mailed('customer sounded upset')).toBe(false);
    expect(mailed('Anything else I can help with?')).toBe(false);
    expect(await deliveries(org.api, phone)).toHaveLength(1);
    expect(await deliveries(org.api, chat)).toHaveLength(0);
  });
});

describe('the satisfaction survey', () => {
  it('mails the requester a one-click rating link once when the ticket is solved, and the link rates it', async () => {
    const to = requester();
    const number = await openTicket(org.api, 'web', to);
    await reply(org.api, number, 'Restart the router, please.', 'public');
    expect((await org.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);

    const survey = await eventually(async () => sink.messages.find((message) => message.subject?.startsWith('How did we do?') && message.subject.includes(`[#${number}]`)), 'the survey');
    expect(survey.to && !Array.isArray(survey.to) ? survey.to.value[0]?.address : null).toBe(to);
    expect(survey.headers.get('auto-submitted')).toBe('auto-generated');
    const link = /https?:\/\/\S+\/portal\/([^/]+)\/requests\/(\d+)\/rate#token=([A-Za-z0-9_-]+)/.exec(survey.text ?? '');
    expect(link?.[2]).toBe(String(number));
    // In the ticket's thread, after the reply.
    const replyMail = sink.messages.find((message) => message.text?.includes('Restart the router, please.'));
    expect(survey.inReplyTo).toBe(replyMail?.messageId);
    const sent = await eventually(async () => (await deliveries(org.api, number)).find((event) => event.data.kind === 'survey'), 'the survey entry');
    expect(sent.data).toMatchObject({ kind: 'survey', state: 'sent', to });

    // The link rates the ticket without signing in.
    const rated = await fetch(`${stack.url}/api/v1/portal/${link![1]}/requests/${number}/rating`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating: 'good', comment: 'Fast', token: link![3] }),
    });
    expect(rated.status).toBe(201);
    expect((await org.api.get(`/tickets/${number}/rating`)).body).toMatchObject({ rating: 'good', comment: 'Fast' });

    // Reopened and solved again: the ticket is not surveyed twice.
    expect((await org.api.post(`/tickets/${number}/status`, { status: 'open' })).status).toBe(200);
    expect((await org.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);
    await eventually(async () => ((await scheduledDeliveries(org.orgId, number)) === 3 ? true : undefined), 'the second survey attempt');
    await eventually(async () => {
      const events = (await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).fetchHistory()).events ?? [];
      return events.filter((event) => event.activityTaskCompletedEventAttributes).length >= 3 ? true : undefined;
    }, 'the second survey attempt to finish');
    expect(sink.messages.filter((message) => message.subject?.startsWith('How did we do?') && message.subject.includes(`[#${number}]`))).toHaveLength(1);
    expect((await deliveries(org.api, number)).filter((event) => event.data.kind === 'survey')).toHaveLength(1);
  });

  it('tries no survey in an organization with no mailbox that sends', async () => {
    const number = await openTicket(bare.api, 'api');
    expect((await bare.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);
    // The solve's answer comes with the workflow task that would have scheduled the survey.
    expect(await scheduledDeliveries(bare.orgId, number)).toBe(0);
  });
});
