import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { storeTicketNotifications } from '../../db/notifications';
import { withTenant } from '../../db/tenant';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { addMember, newTicket, type ApiClient, type Member, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import { startTwoOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let orgA: Org;
let orgB: Org;
let owner: Db;
let app: Db;
let ana: Member;
let bob: Member;
let customer: Member;

beforeAll(async () => {
  ({ stack, orgA, orgB } = await startTwoOrgStack());
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp();
  ana = await addMember(orgA, 'agent', 'Ana Follower');
  bob = await addMember(orgA, 'agent', 'Bob Replier');
  customer = await addMember(orgA, 'customer', 'Cleo Customer');
});
afterAll(async () => {
  await app?.destroy();
  await owner?.destroy();
  await stack?.stop();
});

const ticket = async (api: ApiClient = orgA.api): Promise<number> => {
  const created = await api.post('/tickets', newTicket({ subject: 'Printer on fire' }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.number;
};
const followersOf = async (number: number, api: ApiClient = orgA.api): Promise<string[]> => {
  const listed = await api.get(`/tickets/${number}/followers`);
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  return listed.body.data.map((follower: { userId: string }) => follower.userId);
};
const followedOf = async (member: Member, number: number) =>
  ((await member.api.get('/notifications')).body.data as { kind: string; message: string; ticketNumber: number; actorId: string | null }[])
    .filter((n) => n.ticketNumber === number && n.kind === 'followed');
const followerCount = async (orgId: string, number: number) =>
  (await owner('tickets').where({ org_id: orgId, number }).first<{ follower_count: number }>('follower_count')).follower_count;

describe('following a ticket', () => {
  it('an agent follows themselves once however often they ask, is listed by name, and the follow is audited', async () => {
    const number = await ticket();
    const first = await ana.api.post(`/tickets/${number}/followers`, { userId: ana.id });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toEqual([{ userId: ana.id, name: 'Ana Follower', email: ana.email, addedBy: ana.id, createdAt: expect.any(String) }]);
    const again = await ana.api.post(`/tickets/${number}/followers`, { userId: ana.id });
    expect(again.body).toEqual(first.body);
    expect(await followerCount(orgA.orgId, number)).toBe(1);
    expect(await owner('audit_log').where({ org_id: orgA.orgId, action: 'ticket.follower_added', entity_id: String(number) }).select('actor_id', 'data'))
      .toEqual([{ actor_id: ana.id, data: { userId: ana.id } }]);

    const left = await ana.api.delete(`/tickets/${number}/followers/${ana.id}`);
    expect(left.body.data).toEqual([]);
    expect((await ana.api.delete(`/tickets/${number}/followers/${ana.id}`)).status).toBe(200);
    expect(await followerCount(orgA.orgId, number)).toBe(0);
    expect(await owner('audit_log').where({ org_id: orgA.orgId, action: 'ticket.follower_removed', entity_id: String(number) }).select('actor_id'))
      .toEqual([{ actor_id: ana.id }]);
  });

  it('owners add and remove any agent; an agent may not choose for someone else', async () => {
    const number = await ticket();
    expect((await orgA.api.post(`/tickets/${number}/followers`, { userId: bob.id })).status).toBe(200);
    expect((await ana.api.post(`/tickets/${number}/followers`, { userId: orgA.owner.id })).status).toBe(403);
    expect((await ana.api.delete(`/tickets/${number}/followers/${bob.id}`)).status).toBe(403);
    expect(await followersOf(number)).toEqual([bob.id]);
    expect((await orgA.api.delete(`/tickets/${number}/followers/${bob.id}`)).status).toBe(200);
    expect(await followersOf(number)).toEqual([]);
  });

  it('refuses bad input, customers, strangers, roles that do not work tickets and other tenants with problems', async () => {
    const number = await ticket();
    const bad = await orgA.api.post(`/tickets/${number}/followers`, { userId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/userId');
    const asCustomer = await orgA.api.post(`/tickets/${number}/followers`, { userId: customer.id });
    expect(asCustomer.status).toBe(422);
    expect(asCustomer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(asCustomer.body.type).toMatch(/not-a-ticket-member$/);
    expect((await orgA.api.post(`/tickets/${number}/followers`, { userId: orgB.owner.id })).status).toBe(422);
    expect((await customer.api.post(`/tickets/${number}/followers`, { userId: customer.id })).status).toBe(403);
    expect((await orgA.api.post('/tickets/999999/followers', { userId: ana.id })).status).toBe(404);
    // Org B sees and changes nothing of org A's ticket, and cannot plant its owner on it.
    expect((await orgB.api.get(`/tickets/${number}/followers`)).status).toBe(404);
    expect((await orgB.api.post(`/tickets/${number}/followers`, { userId: orgB.owner.id })).status).toBe(404);
    expect((await orgB.api.delete(`/tickets/${number}/followers/${ana.id}`)).status).toBe(404);
    expect(await followersOf(number)).toEqual([]);
  });
});

describe('what a follower hears', () => {
  it('another agent’s reply and note, the customer’s reply and a status change, never their own change; the assignee hears as the assignee', async () => {
    const number = await ticket();
    await ana.api.post(`/tickets/${number}/followers`, { userId: ana.id });
    expect((await bob.api.post(`/tickets/${number}/replies`, { body: 'On it', visibility: 'public' })).status).toBe(200);
    expect((await ana.api.post(`/tickets/${number}/replies`, { body: 'My own note', visibility: 'internal' })).status).toBe(200);
    expect((await bob.api.post(`/tickets/${number}/status`, { status: 'pending' })).status).toBe(200);
    await stack.temporal.workflow.getHandle(ticketWorkflowId(orgA.orgId, number)).signal(ticketMessages.customerMessage, { body: 'Any news?' });
    const heard = await eventually(() => followedOf(ana, number), (list) => list.length >= 3);
    expect(heard.map((n) => [n.message, n.actorId])).toEqual([
      [`The customer replied on #${number} “Printer on fire”`, null],
      [`Bob Replier set #${number} “Printer on fire” to pending`, bob.id],
      [`Bob Replier replied on #${number} “Printer on fire”`, bob.id],
    ]);

    // Assigned to Ana by Bob: the assignment notification only, not a followed one as well.
    expect((await bob.api.post(`/tickets/${number}/assign`, { assigneeId: ana.id })).status).toBe(200);
    const all = ((await ana.api.get('/notifications')).body.data as { kind: string; ticketNumber: number }[]).filter((n) => n.ticketNumber === number);
    expect(all.map((n) => n.kind)).toEqual(['assigned', 'followed', 'followed', 'followed']);
  });

  it('a merge makes the merged ticket’s followers follow the ticket it went into', async () => {
    const target = await ticket();
    const duplicate = await ticket();
    await ana.api.post(`/tickets/${duplicate}/followers`, { userId: ana.id });
    await orgA.api.post(`/tickets/${duplicate}/followers`, { userId: bob.id });
    await bob.api.post(`/tickets/${target}/followers`, { userId: bob.id });
    expect((await orgA.api.post(`/tickets/${duplicate}/merge`, { into: target })).status).toBe(200);
    const moved = await eventually(() => followersOf(target), (ids) => ids.length === 2);
    expect(moved.sort()).toEqual([ana.id, bob.id].sort());
    expect(await followersOf(duplicate)).toEqual([]);
    expect([await followerCount(orgA.orgId, target), await followerCount(orgA.orgId, duplicate)]).toEqual([2, 0]);
    const refused = await ana.api.post(`/tickets/${duplicate}/followers`, { userId: ana.id });
    expect([refused.status, refused.body.mergedInto]).toEqual([409, target]);
  });
});

describe('the command path', () => {
  it('reads no followers for a ticket nobody follows, and reads them when someone does', async () => {
    const number = await ticket();
    const change = { number, seq: 99, subject: 'Printer on fire', actorId: null, assigneeId: null, events: [{ type: 'replied' as const, data: { body: 'Hi', visibility: 'public' as const } }] };
    const statementsFor = async (followerCount: number) => {
      const seen: string[] = [];
      const listen = (query: { sql: string }) => { seen.push(query.sql); };
      app.on('query', listen);
      try {
        // Nobody follows the ticket, so either way nothing is stored: only the reads differ.
        await withTenant(app, { orgId: orgA.orgId }, async (trx) => {
          seen.length = 0;
          await storeTicketNotifications(trx, orgA.orgId, { ...change, followerCount }, new Date().toISOString());
        });
      } finally {
        app.off('query', listen);
      }
      return seen.filter((sql) => /ticket_followers/.test(sql));
    };
    expect(await statementsFor(0)).toEqual([]);
    expect(await statementsFor(1)).toHaveLength(1);
  });
});
