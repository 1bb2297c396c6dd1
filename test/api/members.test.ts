import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { ApiClient, PASSWORD, addMember, newTicket, signupOrg, type Member, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let anonymous: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  anonymous = new ApiClient(stack.url);
});
afterAll(async () => {
  await owner?.destroy();
  await stack?.stop();
});

const logIn = (email: string) => anonymous.post('/auth/login', { email, password: PASSWORD });
const auditOf = (org: Org, userId: string) =>
  owner('audit_log').where({ org_id: org.orgId, entity_type: 'member', entity_id: userId }).orderBy('id').select('action', 'actor_id', 'data');

async function listed(org: Org, status?: 'active' | 'deactivated' | 'all'): Promise<{ email: string; role: string; deactivatedAt: string | null }[]> {
  const response = await org.api.get(`/users${status ? `?status=${status}` : ''}`);
  expect(response.status).toBe(200);
  return response.body.data;
}

describe('changing a member\'s role', () => {
  let org: Org;
  let agent: Member;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    agent = await addMember(org, 'agent');
  });

  it('takes effect at once: the member\'s sessions end and their next sign-in carries the new role', async () => {
    const changed = await org.api.post(`/users/${agent.id}/role`, { role: 'admin' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: agent.id, role: 'admin', deactivatedAt: null });
    expect((await agent.api.get('/tickets')).status).toBe(401);

    const again = await logIn(agent.email);
    expect(again.status).toBe(200);
    expect(again.body.user.role).toBe('admin');
    expect((await listed(org)).find((member) => member.email === agent.email)?.role).toBe('admin');
    expect(await auditOf(org, agent.id)).toEqual([{ action: 'member.role_changed', actor_id: org.owner.id, data: { from: 'agent', to: 'admin' } }]);
  });

  it('writes nothing when the role is already the one asked for', async () => {
    const before = (await auditOf(org, agent.id)).length;
    const session = (await logIn(agent.email)).body.accessToken as string;
    expect((await org.api.post(`/users/${agent.id}/role`, { role: 'admin' })).status).toBe(200);
    expect(await auditOf(org, agent.id)).toHaveLength(before);
    expect((await anonymous.as(session).get('/tickets')).status).toBe(200);
  });

  it('keeps an organization from locking itself out: nobody changes themselves, only owners touch owners', async () => {
    const admin = await addMember(org, 'admin');
    const refusals = [
      await org.api.post(`/users/${org.owner.id}/role`, { role: 'admin' }),
      await admin.api.post(`/users/${org.owner.id}/role`, { role: 'agent' }),
      await admin.api.post(`/users/${org.owner.id}/deactivate`),
      await admin.api.post(`/users/${agent.id}/role`, { role: 'owner' }),
      await admin.api.post(`/users/${admin.id}/deactivate`),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.detail).toMatch(/own role|Only an owner/);
    }
    // An admin manages everyone below owner.
    expect((await admin.api.post(`/users/${agent.id}/role`, { role: 'dispatcher' })).body.role).toBe('dispatcher');
    // The owner can make another owner, who may then change the first.
    expect((await org.api.post(`/users/${admin.id}/role`, { role: 'owner' })).body.role).toBe('owner');
  });

  it('refuses a role that does not exist, an agent\'s attempt, and a member of another organization', async () => {
    const roleBefore = (await listed(org)).find((member) => member.email === agent.email)?.role;
    const bad = await org.api.post(`/users/${agent.id}/role`, { role: 'superuser' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.pointer).toBe('/role');

    const colleague = await addMember(org, 'agent');
    expect((await colleague.api.post(`/users/${agent.id}/role`, { role: 'agent' })).status).toBe(403);

    const other = await signupOrg(stack.url);
    const stranger = await other.api.post(`/users/${agent.id}/role`, { role: 'customer' });
    expect(stranger.status).toBe(404);
    expect((await other.api.post(`/users/${agent.id}/deactivate`)).status).toBe(404);
    expect((await logIn(agent.email)).body.user.role).toBe(roleBefore);
  });
});

describe('deactivating a member', () => {
  it('signs them out, keeps them from signing in or being assigned, and reactivating gives the membership back', async () => {
    const org = await signupOrg(stack.url);
    const agent = await addMember(org, 'agent');
    const ticket = (await org.api.post('/tickets', newTicket())).body;
    expect((await org.api.post(`/tickets/${ticket.number}/assign`, { assigneeId: agent.id })).status).toBe(200);

    const deactivated = await org.api.post(`/users/${agent.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.deactivatedAt).toEqual(expect.any(String));
    expect((await org.api.post(`/users/${agent.id}/deactivate`)).status).toBe(200);
    expect((await auditOf(org, agent.id)).map((line) => line.action)).toEqual(['member.deactivated']);

    expect((await agent.api.get('/tickets')).status).toBe(401);
    expect((await logIn(agent.email)).status).toBe(401);
    expect((await listed(org)).map((member) => member.email)).not.toContain(agent.email);
    expect((await listed(org, 'deactivated')).map((member) => member.email)).toEqual([agent.email]);
    expect((await listed(org, 'all')).map((member) => member.email)).toContain(agent.email);

    // Their past work keeps their name; no new work reaches them.
    expect((await org.api.get(`/tickets/${ticket.number}`)).body.assignee).toEqual({ id: agent.id, name: 'agent person' });
    const second = (await org.api.post('/tickets', newTicket())).body;
    const refused = await org.api.post(`/tickets/${second.number}/assign`, { assigneeId: agent.id });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('unknown-assignee');
    expect((await org.api.post('/teams', { name: 'Night shift', memberIds: [agent.id] })).status).toBe(422);
    // Invited again, they are told to reactivate instead (the membership is still there).
    expect((await org.api.post('/invitations', { email: agent.email, name: 'Again', role: 'agent' })).status).toBe(409);

    const reactivated = await org.api.post(`/users/${agent.id}/reactivate`);
    expect(reactivated.body).toMatchObject({ role: 'agent', deactivatedAt: null });
    const back = await logIn(agent.email);
    expect(back.status).toBe(200);
    expect(back.body.user.role).toBe('agent');
    expect((await org.api.post(`/tickets/${second.number}/assign`, { assigneeId: agent.id })).status).toBe(200);
    expect((await auditOf(org, agent.id)).map((line) => line.action)).toEqual(['member.deactivated', 'member.reactivated']);
  });
});
