import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { addMember, newTicket, signupOrg, type ApiClient, type Member, type Org } from '../helpers/api-client';
import { accountMailSink } from '../helpers/account-mail';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/test-stack';

interface Notification { id: string; kind: string; message: string; ticketNumber: number | null; actorId: string | null; readAt: string | null; createdAt: string }

let stack: TestStack;
let owner: Db;
let app: Db;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp();
});
afterAll(async () => {
  await app?.destroy();
  await owner?.destroy();
  await stack?.stop();
});

const notificationsOf = async (api: ApiClient, query = ''): Promise<Notification[]> => {
  const response = await api.get(`/notifications${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data;
};
const unread = async (api: ApiClient): Promise<number> => (await api.get('/notifications/unread-count')).body.count;
const ticket = async (org: Org, overrides: Record<string, unknown> = {}): Promise<number> => {
  const created = await org.api.post('/tickets', newTicket(overrides));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.number;
};
const assign = async (api: ApiClient, number: number, assigneeId: string) => {
  const answer = await api.post(`/tickets/${number}/assign`, { assigneeId });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
};
const note = async (api: ApiClient, number: number, body: string, visibility: 'internal' | 'public' = 'internal') => {
  const answer = await api.post(`/tickets/${number}/replies`, { body, visibility });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
};

describe('notifications a ticket change produces', () => {
  let org: Org;
  let bea: Member;
  let carl: Member;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    bea = await addMember(org, 'agent', 'Bea Notified');
    carl = await addMember(org, 'agent', 'Carl Other');
  });

  it('assigned to you: the assignee is told who assigned what, live on their topic; the assigner is not, nor who takes a ticket', async () => {
    const number = await ticket(org, { subject: 'Printer on fire' });
    await assign(org.api, number, bea.id);
    const [made] = await notificationsOf(bea.api);
    expect(made).toMatchObject({ kind: 'assigned', ticketNumber: number, actorId: org.owner.id, readAt: null, message: 'Owner assigned #' + number + ' “Printer on fire” to you' });
    expect(await notificationsOf(org.api)).toEqual([]);
    const events = (await bea.api.get('/events?after=0&limit=500')).body.data as { type: string; topic: string; data: Record<string, unknown> }[];
    expect(events.filter((e) => e.type === 'notification.created')).toEqual([
      expect.objectContaining({ topic: `notifications:${bea.id}`, data: expect.objectContaining({ id: made!.id, kind: 'assigned', ticketNumber: number }) }),
    ]);
    // Carl takes a ticket himself: nobody is told.
    const own = await ticket(org);
    await assign(carl.api, own, carl.id);
    expect(await notificationsOf(carl.api)).toEqual([]);
  });

  it('mentioned in an internal note: each member named once; a public reply or an email address mentions nobody', async () => {
    const number = await ticket(org);
    await note(org.api, number, '@Bea Notified and @carl, can one of you call them? (cc @bea notified)');
    await note(org.api, number, 'Hello @Bea Notified, thanks!', 'public');
    await note(org.api, number, 'write to bea@example.com');
    const mentionedBea = (await notificationsOf(bea.api)).filter((n) => n.ticketNumber === number);
    expect(mentionedBea.map((n) => [n.kind, n.message])).toEqual([['mentioned', `Owner mentioned you on #${number} “Printer on fire”`]]);
    expect((await notificationsOf(carl.api)).map((n) => [n.kind, n.ticketNumber])).toEqual([['mentioned', number]]);
  });

  it('customer replied on your ticket: its assignee is told', async () => {
    const number = await ticket(org);
    await assign(carl.api, number, bea.id);
    await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).signal(ticketMessages.customerMessage, { body: 'Any news?' });
    const found = await eventually(() => notificationsOf(bea.api), (list) => list.some((n) => n.kind === 'customer_replied' && n.ticketNumber === number));
    expect(found.filter((n) => n.ticketNumber === number).map((n) => [n.kind, n.actorId])).toEqual([['customer_replied', null], ['assigned', carl.id]]);
  });

  it('without a relay for email notifications, stores the email copy beside the in-app one as skipped, once per change', async () => {
    const rows = await owner('notifications').where({ org_id: org.orgId, user_id: bea.id, kind: 'assigned' }).select('channel', 'delivery', 'source_key');
    const keys = new Set(rows.map((row) => row.source_key));
    expect(rows).toHaveLength(keys.size * 2);
    expect(rows.filter((row) => row.channel === 'email').every((row) => row.delivery === 'skipped')).toBe(true);
    expect(rows.filter((row) => row.channel === 'in_app').every((row) => row.delivery === 'stored')).toBe(true);
  });

  it('reads, counts, pages and marks read — one, then all — and tells the member\'s other consoles', async () => {
    const all = await notificationsOf(bea.api);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await unread(bea.api)).toBe(all.length);
    const first = await bea.api.get('/notifications?limit=1');
    expect(first.body.data).toEqual([all[0]]);
    const second = await bea.api.get(`/notifications?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toEqual([all[1]]);

    const read = await bea.api.post(`/notifications/${all[1]!.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: all[1]!.id, readAt: expect.any(String) });
    const again = await bea.api.post(`/notifications/${all[1]!.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect(await unread(bea.api)).toBe(all.length - 1);
    expect((await notificationsOf(bea.api, '?unread=true')).map((n) => n.id)).toEqual(all.filter((n) => n.id !== all[1]!.id).map((n) => n.id));

    const readAll = await bea.api.post('/notifications/read-all');
    expect(readAll.body).toEqual({ read: all.length - 1 });
    expect(await unread(bea.api)).toBe(0);
    expect(await notificationsOf(bea.api, '?unread=true')).toEqual([]);
    expect((await notificationsOf(bea.api)).every((n) => n.readAt !== null)).toBe(true);
    const events = (await bea.api.get('/events?after=0&limit=500')).body.data as { type: string; data: Record<string, unknown> }[];
    expect(events.filter((e) => e.type === 'notification.read').map((e) => e.data)).toEqual([{ ids: [all[1]!.id] }, { all: true }]);
  });

  it('keeps each member to their own: another member, another org and a query that forgets the org see nothing', async () => {
    const number = await ticket(org);
    await assign(org.api, number, bea.id);
    const [mine] = await notificationsOf(bea.api, '?unread=true');
    const other = await signupOrg(stack.url);
    for (const api of [carl.api, other.api]) {
      const refused = await api.post(`/notifications/${mine!.id}/read`);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((await notificationsOf(api)).some((n) => n.id === mine!.id)).toBe(false);
    }
    expect((await notificationsOf(bea.api, '?unread=true'))[0]).toMatchObject({ id: mine!.id, readAt: null });
    expect((await other.api.post('/notifications/read-all')).body).toEqual({ read: 0 });
    expect(await unread(bea.api)).toBe(1);
    // Row-level security: the other org's transaction finds none of this org's rows, with no filter at all.
    await bea.api.request('PUT', '/me/notification-preferences', { data: [{ kind: 'rule', channels: { email: false } }] });
    const seen = await withTenant(app, { orgId: other.orgId }, async (trx) => ({
      notifications: await trx('notifications').select('id'),
      preferences: await trx('notification_preferences').select('user_id'),
    }));
    expect(seen).toEqual({ notifications: [], preferences: [] });
    expect(await withTenant(app, { orgId: org.orgId }, (trx) => trx('notification_preferences').select('user_id'))).toEqual([{ user_id: bea.id }]);
    expect((await bea.api.get('/notifications?cursor=bogus')).status).toBe(400);
  });
});

describe('preferences', () => {
  let org: Org;
  let dana: Member;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    dana = await addMember(org, 'agent', 'Dana Prefs');
  });

  it('are all on by default, switch per kind and channel, and are audited; a bad body is a problem', async () => {
    const defaults = await dana.api.get('/me/notification-preferences');
    expect(defaults.status).toBe(200);
    expect(defaults.body.data).toHaveLength(6);
    expect(defaults.body.data.every((p: { channels: Record<string, boolean> }) => p.channels.in_app && p.channels.email)).toBe(true);
    const saved = await dana.api.request('PUT', '/me/notification-preferences', { data: [{ kind: 'assigned', channels: { in_app: false } }, { kind: 'mentioned', channels: { in_app: false, email: false } }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.find((p: { kind: string }) => p.kind === 'assigned').channels).toEqual({ in_app: false, email: true });
    expect(saved.body.data.find((p: { kind: string }) => p.kind === 'mentioned').channels).toEqual({ in_app: false, email: false });
    expect((await dana.api.get('/me/notification-preferences')).body).toEqual(saved.body);
    expect(await owner('audit_log').where({ org_id: org.orgId, action: 'user.notification_preferences_changed' }).select('actor_id')).toEqual([{ actor_id: dana.id }]);
    for (const body of [{ data: [{ kind: 'nonsense', channels: { in_app: false } }] }, { data: [{ kind: 'assigned', channels: { push: true } }] }, { data: [] }]) {
      const refused = await dana.api.request('PUT', '/me/notification-preferences', body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('switched off, a kind is not produced on that channel; other kinds still are', async () => {
    const number = await ticket(org);
    await assign(org.api, number, dana.id);
    await note(org.api, number, '@Dana Prefs look');
    expect(await notificationsOf(dana.api)).toEqual([]);
    expect(await owner('notifications').where({ org_id: org.orgId, user_id: dana.id }).select('kind', 'channel')).toEqual([{ kind: 'assigned', channel: 'email' }]);
    await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).signal(ticketMessages.customerMessage, { body: 'Hello?' });
    const found = await eventually(() => notificationsOf(dana.api), (list) => list.length > 0);
    expect(found.map((n) => n.kind)).toEqual(['customer_replied']);
  });

  it('apply to rule notifications too, which the centre now shows', async () => {
    const rule = await org.api.post('/rules', {
      name: 'Tell Dana', events: ['ticket.created'], conditions: { all: [] },
      actions: [{ type: 'notify', channel: 'in_app', message: 'A new ticket came in', recipient: { kind: 'user', userId: dana.id } }],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const first = await ticket(org);
    const shown = await eventually(() => notificationsOf(dana.api), (list) => list.some((n) => n.kind === 'rule'));
    expect(shown.find((n) => n.kind === 'rule')).toMatchObject({ message: 'A new ticket came in', ticketNumber: first });

    await dana.api.request('PUT', '/me/notification-preferences', { data: [{ kind: 'rule', channels: { in_app: false } }] });
    const second = await ticket(org);
    // The rule fired on the second ticket (its firing is on the timeline), and stored nothing for Dana.
    await eventually(() => owner('rule_firings').where({ org_id: org.orgId, ticket_number: second }).select('id'), (rows) => rows.length === 1);
    await eventually(() => owner('notifications').where({ org_id: org.orgId }).whereNotNull('firing_id').select('id'), (rows) => rows.length >= 1);
    expect((await notificationsOf(dana.api)).filter((n) => n.kind === 'rule').map((n) => n.ticketNumber)).toEqual([first]);
  });
});

describe('SLA warning on your ticket', () => {
  it.each([
    ['no rule listens: the clock records the warning', false],
    ['a rule listens: the ticket records the warning', true],
  ])('tells the assignee once, when the clock warns (%s)', async (_case, ruleListens) => {
    const org = await signupOrg(stack.url);
    if (ruleListens) {
      const rule = await org.api.post('/rules', { name: 'Tag warnings', events: ['sla.warning'], conditions: { all: [] }, actions: [{ type: 'add_tags', tags: ['sla-warned'] }] });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    }
    const erin = await addMember(org, 'agent', 'Erin Clock');
    const policy = await org.api.post('/sla-policies', { name: 'Seconds', targets: { normal: { first_response: 6 } }, warnAt: 0.5 });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const number = await ticket(org);
    await assign(org.api, number, erin.id);
    const found = await eventually(() => notificationsOf(erin.api), (list) => list.some((n) => n.kind === 'sla_warning'));
    expect(found.filter((n) => n.kind === 'sla_warning')).toEqual([
      expect.objectContaining({ ticketNumber: number, actorId: null, message: `First response on #${number} “Printer on fire” is close to its SLA target` }),
    ]);
    // After the breach too, still one warning.
    await eventually(() => owner('ticket_events').where({ org_id: org.orgId, ticket_number: number, type: 'sla_breached' }).select('seq'), (rows) => rows.length > 0);
    expect((await notificationsOf(erin.api)).filter((n) => n.kind === 'sla_warning')).toHaveLength(1);
    if (ruleListens) expect((await org.api.get(`/tickets/${number}`)).body.tags).toContain('sla-warned');
  });
});

describe('email notifications, with a relay (KEEL_NOTIFY_SMTP_URL)', () => {
  let mailStack: TestStack;
  beforeAll(async () => { mailStack = await startTestStack({ notifySmtpUrl: (await accountMailSink()).url }); });
  afterAll(async () => { await mailStack?.stop(); });

  it('mails the email copy through the relay after the write, marks it sent, and mails nobody who switched email off', async () => {
    const org = await signupOrg(mailStack.url);
    const [fay, gus] = [await addMember(org, 'agent', 'Fay Mail'), await addMember(org, 'agent', 'Gus Quiet')];
    await gus.api.request('PUT', '/me/notification-preferences', { data: [{ kind: 'mentioned', channels: { email: false } }] });
    const created = await org.api.post('/tickets', newTicket({ subject: 'Mail me' }));
    const number = created.body.number as number;
    await note(org.api, number, '@Fay Mail and @Gus Quiet: have a look');
    const sink = await accountMailSink();
    const mail = await sink.messageTo(fay.email, (message) => message.subject?.startsWith('[Keel] Ticket') ?? false);
    expect(mail.subject).toBe(`[Keel] Ticket #${number}`);
    expect(mail.text?.trim()).toBe(`Owner mentioned you on #${number} “Mail me”`);
    const rows = () => owner('notifications').where({ org_id: org.orgId, channel: 'email' }).select('user_id', 'delivery');
    expect(await eventually(rows, (list) => list.every((row) => row.delivery === 'sent'))).toEqual([{ user_id: fay.id, delivery: 'sent' }]);
    // Gus still has his in-app one, and no mail about the ticket.
    expect((await notificationsOf(gus.api)).map((n) => n.kind)).toEqual(['mentioned']);
    expect(sink.messages.filter((message) => message.subject?.startsWith('[Keel] Ticket') && JSON.stringify(message.to).includes(gus.email))).toEqual([]);
  });
});
