import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { addMember, newTicket, type Member, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { startTwoOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let app: Db;
let orgA: Org;
let orgB: Org;
let agent: Member;

const refund = {
  name: 'Refund issued',
  reply: { body: 'Hi {{requester.name}}, the refund for #{{ticket.number}} is on its way. {{agent.name}}', visibility: 'public' },
  actions: [
    { type: 'add_tags', tags: ['refund'] },
    { type: 'set_priority', priority: 'high' },
    { type: 'set_field', key: 'reason', value: 'duplicate charge' },
    { type: 'assign_agent', agentId: 'me' },
    { type: 'set_status', status: 'pending' },
  ],
};

beforeAll(async () => {
  ({ stack, orgA, orgB } = await startTwoOrgStack());
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp({ min: 0, max: 1 });
  agent = await addMember(orgA, 'agent');
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
  await app?.destroy();
});

describe('macros', () => {
  it('admins write the org\'s macros, agents only their own, and bad input is a 400 with a pointer', async () => {
    const created = await orgA.api.post('/macros', refund);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Refund issued', personal: false, usageCount: 0, lastUsedAt: null });

    expect((await agent.api.post('/macros', { ...refund, name: 'Agent org macro' })).status).toBe(403);
    const mine = await agent.api.post('/macros', { ...refund, name: 'My refund', personal: true });
    expect(mine.status).toBe(201);
    expect((await agent.api.request('PUT', `/macros/${created.body.id}`, { ...refund, name: 'Renamed by agent' })).status).toBe(403);
    expect((await agent.api.delete(`/macros/${created.body.id}`)).status).toBe(403);
    // Another member's personal macro is not even visible to the owner.
    expect((await orgA.api.get(`/macros/${mine.body.id}`)).status).toBe(404);

    const unknownAction = await orgA.api.post('/macros', { name: 'x', actions: [{ type: 'drop_table' }] });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.headers.get('content-type')).toContain('application/problem+json');
    expect(unknownAction.body.errors[0].pointer).toMatch(/^\/actions\/0/);
    expect((await orgA.api.post('/macros', { name: 'Empty' })).status).toBe(400);
    const taken = await orgA.api.post('/macros', refund);
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ pointer: '/name', message: 'Choose another name.' }]);

    for (const role of ['dispatcher', 'technician', 'customer']) {
      const member = await addMember(orgA, role);
      expect((await member.api.get('/macros')).status).toBe(403);
    }
  });

  it('lists the org\'s macros and the caller\'s own, searchable by name, never another tenant\'s', async () => {
    const listed = await agent.api.get('/macros?q=refund');
    expect(listed.body.data.map((macro: { name: string }) => macro.name).sort()).toEqual(['My refund', 'Refund issued']);
    expect((await orgA.api.get('/macros?q=my')).body.data).toEqual([]);
    expect((await orgB.api.get('/macros')).body.data).toEqual([]);
    const id = listed.body.data[0].id;
    expect((await orgB.api.get(`/macros/${id}`)).status).toBe(404);
    expect((await orgB.api.delete(`/macros/${id}`)).status).toBe(404);
    // Row-level security: the table is fenced per org even for a query that names no org.
    const seen = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx('macros').count({ count: '*' }));
    expect(Number(seen[0]?.count)).toBe(0);
  });

  it('applies a macro through the ticket\'s commands, renders its reply and counts the use', async () => {
    const ticket = (await orgA.api.post('/tickets', newTicket({ tags: ['billing'] }))).body;
    const macro = (await agent.api.get('/macros?q=Refund issued')).body.data[0];
    const applied = await agent.api.post(`/tickets/${ticket.number}/macros/${macro.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.reply).toEqual({ body: `Hi Casey Customer, the refund for #${ticket.number} is on its way. agent person`, visibility: 'public' });
    expect(applied.body.ticket).toMatchObject({ status: 'pending', priority: 'high', tags: ['billing', 'refund'], assigneeId: agent.id, fields: { reason: 'duplicate charge' } });

    const timeline = (await agent.api.get(`/tickets/${ticket.number}/timeline`)).body.data.map((event: { type: string }) => event.type);
    expect(timeline).toEqual(expect.arrayContaining(['priority_changed', 'tags_changed', 'fields_changed', 'assigned', 'status_changed']));
    const after = (await agent.api.get(`/macros/${macro.id}`)).body;
    expect(after.usageCount).toBe(1);
    expect(after.lastUsedAt).not.toBeNull();
    const audit = await owner('audit_log').where({ org_id: orgA.orgId, entity_type: 'macro', entity_id: macro.id }).pluck('action');
    expect(audit).toContain('macro.created');
  });

  it('refuses what the ticket\'s workflow refuses, and unknown tickets and macros', async () => {
    const ticket = (await orgA.api.post('/tickets', newTicket())).body;
    const solve = (await orgA.api.post('/macros', { name: 'Solve', actions: [{ type: 'set_status', status: 'solved' }] })).body;
    const reopen = (await orgA.api.post('/macros', { name: 'Reopen as new', actions: [{ type: 'set_status', status: 'new' }] })).body;
    expect((await agent.api.post(`/tickets/${ticket.number}/macros/${solve.id}/apply`)).status).toBe(200);
    expect((await agent.api.post(`/tickets/${ticket.number}/macros/${reopen.id}/apply`)).status).toBe(409);
    expect((await agent.api.get(`/macros/${reopen.id}`)).body.usageCount).toBe(0);
    expect((await agent.api.post(`/tickets/999999/macros/${reopen.id}/apply`)).status).toBe(404);
    expect((await orgB.api.post(`/tickets/${ticket.number}/macros/${reopen.id}/apply`)).status).toBe(404);
    expect((await agent.api.post(`/tickets/${ticket.number}/macros/not-a-uuid/apply`)).status).toBe(400);
  });

  it('deletes a macro its writer may write', async () => {
    const mine = (await agent.api.get('/macros?q=My refund')).body.data[0];
    expect((await agent.api.delete(`/macros/${mine.id}`)).status).toBe(204);
    expect((await agent.api.get(`/macros/${mine.id}`)).status).toBe(404);
  });
});
