import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant';
import { addMember, newTicket, signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { until } from '../helpers/eventually';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

type TimelineEvent = { type: string; data: Record<string, unknown> };
const timeline = async (org: Org, number: number): Promise<TimelineEvent[]> => (await org.api.get(`/tickets/${number}/timeline?limit=200`)).body.data;
const firings = async (org: Org, number: number) => (await timeline(org, number)).filter((event) => event.type === 'rule_fired');
const createRule = async (org: Org, body: Record<string, unknown>) => {
  const response = await org.api.post('/rules', { name: 'A rule', ...body });
  if (response.status !== 201) throw new Error(`rule refused: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number };
};
const tagAdded = (from: string, to: string) => ({
  events: ['ticket.updated'],
  conditions: { all: [{ fact: 'change.tags', operator: 'changedTo', value: from }] },
  actions: [{ type: 'add_tags', tags: [to] }],
});

describe('rules on live tickets', () => {
  it('fire on creation, before the new ticket is answered, and show on its timeline', async () => {
    const org = await signupOrg(stack.url);
    const rule = await createRule(org, {
      events: ['ticket.created'],
      conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'refund' }] },
      actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'add_tags', tags: ['Billing'] }],
    });
    const matching = (await org.api.post('/tickets', newTicket({ subject: 'REFUND for order 66' }))).body;
    expect(matching).toMatchObject({ priority: 'urgent', tags: ['billing'] });
    const other = (await org.api.post('/tickets', newTicket({ subject: 'Login broken' }))).body;
    expect(other).toMatchObject({ priority: 'normal', tags: [] });
    expect(await firings(org, matching.number)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ ruleId: rule.id, version: 1, event: 'ticket.created', actions: [{ kind: 'patch', priority: 'urgent' }, { kind: 'patch', tags: ['billing'] }] }) }),
    ]);
    expect(await firings(org, other.number)).toEqual([]);
  });

  it('fire on updates with "changed to", rendering placeholders into an internal note', async () => {
    const org = await signupOrg(stack.url);
    await createRule(org, {
      events: ['ticket.updated'],
      conditions: { all: [{ fact: 'change.status', operator: 'changedTo', value: 'pending' }] },
      actions: [{ type: 'add_tags', tags: ['waiting'] }, { type: 'add_note', body: 'Waiting on {{requester.name}} for #{{ticket.number}}.' }],
    });
    const ticket = (await org.api.post('/tickets', newTicket())).body;
    await org.api.post(`/tickets/${ticket.number}/status`, { status: 'open' });
    expect((await org.api.get(`/tickets/${ticket.number}`)).body.tags).toEqual([]);
    await org.api.post(`/tickets/${ticket.number}/status`, { status: 'pending' });
    await until(() => org.api.get(`/tickets/${ticket.number}`), (r) => r.body.tags.includes('waiting'));
    const events = await until(() => timeline(org, ticket.number), (all) => all.some((e) => e.type === 'replied'));
    expect(events.find((e) => e.type === 'replied')?.data).toEqual({ body: `Waiting on Casey Customer for #${ticket.number}.`, visibility: 'internal' });
  });

  it('pin the version that fired: an edit applies from then on and never rewrites history', async () => {
    const org = await signupOrg(stack.url);
    const definition = (tag: string) => ({ name: 'Versioned', events: ['ticket.created'], conditions: { all: [] }, actions: [{ type: 'add_tags', tags: [tag] }] });
    const rule = await createRule(org, definition('v1'));
    const before = (await org.api.post('/tickets', newTicket())).body;
    expect((await org.api.request('PUT', `/rules/${rule.id}`, definition('v2'))).body.version).toBe(2);
    const after = (await org.api.post('/tickets', newTicket())).body;
    expect([before.tags, after.tags]).toEqual([['v1'], ['v2']]);
    expect((await firings(org, before.number))[0]?.data).toMatchObject({ version: 1 });
    expect((await firings(org, after.number))[0]?.data).toMatchObject({ version: 2 });
    expect((await org.api.get(`/rules/${rule.id}`)).body).toMatchObject({ fireCount: 2, lastFiredAt: expect.any(String) });
  });

  it('cannot ping-pong: each rule fires once per cascade, and cascades stop at a fixed depth', async () => {
    const org = await signupOrg(stack.url);
    const up = await createRule(org, { events: ['ticket.updated'], conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] }, actions: [{ type: 'set_priority', priority: 'urgent' }] });
    const down = await createRule(org, { events: ['ticket.updated'], conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'urgent' }] }, actions: [{ type: 'set_priority', priority: 'high' }] });
    const chain = [await createRule(org, tagAdded('a', 'b')), await createRule(org, tagAdded('b', 'c')), await createRule(org, tagAdded('c', 'd')), await createRule(org, tagAdded('d', 'e'))];

    const pingPong = (await org.api.post('/tickets', newTicket())).body;
    await org.api.patch(`/tickets/${pingPong.number}`, { priority: 'high' });
    const fired = await until(() => firings(org, pingPong.number), (all) => all.length >= 2);
    await settled(org, pingPong.number, 2);
    expect(fired.map((event) => event.data.ruleId)).toEqual([up.id, down.id]);
    expect((await org.api.get(`/tickets/${pingPong.number}`)).body.priority).toBe('high');

    const cascade = (await org.api.post('/tickets', newTicket())).body;
    await org.api.patch(`/tickets/${cascade.number}`, { tags: ['a'] });
    await until(() => firings(org, cascade.number), (all) => all.length >= 3);
    await settled(org, cascade.number, 3);
    expect((await org.api.get(`/tickets/${cascade.number}`)).body.tags).toEqual(['a', 'b', 'c', 'd']);
    expect((await firings(org, cascade.number)).map((event) => event.data.ruleId)).toEqual(chain.slice(0, 3).map((rule) => rule.id));
  });

  it('run time-based rules on durable timers from their anchor, and not when the anchor moved', async () => {
    const org = await signupOrg(stack.url);
    await createRule(org, {
      events: ['ticket.time_elapsed'],
      timeTrigger: { anchor: { kind: 'status', status: 'pending' }, afterSeconds: 2, hours: 'calendar' },
      conditions: { all: [{ fact: 'ticket.status', operator: 'equal', value: 'pending' }] },
      actions: [{ type: 'add_tags', tags: ['auto-solved'] }, { type: 'set_status', status: 'solved' }],
    });
    const stale = (await org.api.post('/tickets', newTicket())).body;
    const moved = (await org.api.post('/tickets', newTicket())).body;
    await org.api.post(`/tickets/${stale.number}/status`, { status: 'pending' });
    await org.api.post(`/tickets/${moved.number}/status`, { status: 'pending' });
    await org.api.post(`/tickets/${moved.number}/status`, { status: 'open' });
    const solved = await until(() => org.api.get(`/tickets/${stale.number}`), (r) => r.body.status === 'solved', 30_000);
    expect(solved.body.tags).toEqual(['auto-solved']);
    // The moved ticket's timer was due at the same moment: by now it would have fired.
    await settled(org, moved.number, 0);
    expect((await org.api.get(`/tickets/${moved.number}`)).body).toMatchObject({ status: 'open', tags: [] });
  });

  it('escalate on an SLA breach', async () => {
    const org = await signupOrg(stack.url);
    await org.api.post('/sla-policies', { name: 'Seconds', warnAt: 0.5, targets: { normal: { first_response: 1 } } });
    await createRule(org, {
      events: ['sla.breached'],
      conditions: { all: [{ fact: 'sla.target', operator: 'equal', value: 'first_response' }] },
      actions: [{ type: 'escalate', priority: 'urgent', note: 'First response breached on #{{ticket.number}}.' }],
    });
    const ticket = (await org.api.post('/tickets', newTicket())).body;
    const escalated = await until(() => org.api.get(`/tickets/${ticket.number}`), (r) => r.body.priority === 'urgent', 30_000);
    expect(escalated.body.priority).toBe('urgent');
    const events = await until(() => timeline(org, ticket.number), (all) => all.some((e) => e.type === 'replied'));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['sla_breached', 'rule_fired', 'priority_changed', 'replied']));
  });

  it('assign round-robin across a team, turn by turn', async () => {
    const org = await signupOrg(stack.url);
    const agents = [await addMember(org, 'agent'), await addMember(org, 'agent')];
    const team = (await org.api.post('/teams', { name: 'Support', memberIds: agents.map((a) => a.id) })).body;
    await createRule(org, { events: ['ticket.created'], conditions: { all: [] }, actions: [{ type: 'assign_team', teamId: team.id, strategy: 'round_robin' }] });
    const assignees: string[] = [];
    for (let i = 0; i < 4; i += 1) assignees.push((await org.api.post('/tickets', newTicket())).body.assignee.id);
    const [first, second] = [...agents.map((a) => a.id)].sort();
    expect(assignees).toEqual([first, second, first, second]);
  });

  it('assign by skills to the least-loaded agent who has them all, or leave the ticket in the team queue', async () => {
    const org = await signupOrg(stack.url);
    const [french, both, none] = [await addMember(org, 'agent'), await addMember(org, 'agent'), await addMember(org, 'agent')];
    const team = (await org.api.post('/teams', { name: 'EU', memberIds: [french.id, both.id, none.id] })).body;
    expect((await org.api.request('PUT', `/users/${french.id}/skills`, { skills: ['French'] })).body.skills).toEqual(['french']);
    await org.api.request('PUT', `/users/${both.id}/skills`, { skills: ['french', 'billing'] });
    await createRule(org, { events: ['ticket.created'], conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'facture' }] }, actions: [{ type: 'assign_team', teamId: team.id, strategy: 'skills', skills: ['french', 'billing'] }] });
    await createRule(org, { events: ['ticket.created'], conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'klingon' }] }, actions: [{ type: 'assign_team', teamId: team.id, strategy: 'skills', skills: ['klingon'] }] });
    expect((await org.api.post('/tickets', newTicket({ subject: 'Ma facture' }))).body.assignee.id).toBe(both.id);
    const unmatched = (await org.api.post('/tickets', newTicket({ subject: 'klingon help' }))).body;
    expect(unmatched).toMatchObject({ assignee: null, teamId: team.id });
  });

  it('call webhooks with retries (one delivery id across attempts) and store notifications once', async () => {
    const org = await signupOrg(stack.url);
    const hook = await webhookServer([503, 200]);
    try {
      await createRule(org, {
        events: ['ticket.created'], conditions: { all: [] },
        actions: [
          { type: 'webhook', url: hook.url, method: 'POST' },
          { type: 'notify', channel: 'in_app', recipient: { kind: 'user', userId: org.owner.id }, message: 'New ticket #{{ticket.number}}: {{ticket.subject}}' },
        ],
      });
      const ticket = (await org.api.post('/tickets', newTicket({ subject: 'Hook me' }))).body;
      await until(async () => hook.requests.length, (n) => n >= 2, 30_000);
      expect(hook.requests.map((r) => r.status)).toEqual([503, 200]);
      expect(new Set(hook.requests.map((r) => r.headers['x-keel-delivery'])).size).toBe(1);
      expect(JSON.parse(hook.requests[1]?.body ?? '{}')).toMatchObject({ event: 'ticket.created', ticket: { number: ticket.number, subject: 'Hook me' } });
      const notes = await until(
        () => withTenant(stack.db, { orgId: org.orgId }, (trx) => trx('notifications').where({ org_id: org.orgId })),
        (rows) => rows.length > 0,
      );
      expect(notes).toEqual([expect.objectContaining({ user_id: org.owner.id, message: `New ticket #${ticket.number}: Hook me`, channel: 'in_app' })]);
    } finally {
      await hook.close();
    }
  });
});

describe('webhook redirects', () => {
  it('are not followed: a 307 to another (private) receiver reaches nothing there and is not retried', async () => {
    const org = await signupOrg(stack.url);
    const inside = await webhookServer([200]);
    const mover = await webhookServer([307], () => inside.url);
    try {
      await createRule(org, { events: ['ticket.created'], conditions: { all: [] }, actions: [{ type: 'webhook', url: mover.url, method: 'POST' }] });
      const ticket = (await org.api.post('/tickets', newTicket({ subject: 'Redirect me' }))).body;
      const handle = stack.temporal.workflow.getHandle(`${org.orgId}/ticket/${ticket.number}`);
      const failed = await until(async () => (await handle.fetchHistory()).events?.find((event) => event.activityTaskFailedEventAttributes) ?? null, (event) => event !== null);
      expect(failed?.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo).toMatchObject({ type: 'WebhookRejected', nonRetryable: true });
      const deliveries = await withTenant(stack.db, { orgId: org.orgId }, (trx) => trx('webhook_deliveries').where({ org_id: org.orgId }).select('*'));
      expect(deliveries).toEqual([expect.objectContaining({ url: mover.url, response_status: 307, attempts: 1, delivered_at: null })]);
      expect(mover.requests).toHaveLength(1);
      expect(inside.requests).toHaveLength(0);
    } finally {
      await Promise.all([inside.close(), mover.close()]);
    }
  });
});

/** Waits until every firing on the ticket has recorded its outcome: the cascade is over. */
async function settled(org: Org, number: number, expectedFirings: number): Promise<void> {
  await until(
    () => withTenant(stack.db, { orgId: org.orgId }, (trx) => trx('rule_firings').where({ org_id: org.orgId, ticket_number: number }).select('outcome')),
    (rows) => rows.length === expectedFirings && rows.every((row) => row.outcome !== null),
  );
  // One more round trip through the workflow: a trigger queued by the last outcome would have run.
  await org.api.patch(`/tickets/${number}`, { fields: { settled: true } });
  await org.api.patch(`/tickets/${number}`, { fields: { settled: null } });
}

async function webhookServer(statuses: number[], location?: () => string) {
  const requests: { status: number; headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const status = statuses[requests.length] ?? 200;
      requests.push({ status, headers: req.headers, body });
      res.writeHead(status, location ? { location: location() } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
