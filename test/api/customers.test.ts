import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { addMember, newTicket, signupOrg, type Member, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let app: Db;
let org: Org;
let other: Org;
let agent: Member;
let dispatcher: Member;
let technician: Member;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp({ min: 0, max: 1 });
  org = await signupOrg(stack.url);
  other = await signupOrg(stack.url);
  [agent, dispatcher, technician] = [await addMember(org, 'agent'), await addMember(org, 'dispatcher'), await addMember(org, 'technician')];
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
  await app?.destroy();
});

/** A domain no other test (or run) uses. */
const uniqueDomain = (label: string) => `${label}-${randomUUID().slice(0, 8)}.example`;
const auditOf = (entityType: string, id: string) =>
  owner('audit_log').where({ org_id: org.orgId, entity_type: entityType, entity_id: id }).orderBy('id').select('action', 'actor_id', 'data');

describe('companies', () => {
  it('an agent creates, reads, renames and re-domains a company; each change audited with what changed', async () => {
    const acme = uniqueDomain('acme');
    const created = await agent.api.post('/companies', { name: 'Acme', domains: [` ${acme.toUpperCase()} `], notes: 'Key account' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Acme', domains: [acme], notes: 'Key account', contactCount: 0 });
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/api/v1/companies/${id}`);
    expect((await dispatcher.api.get(`/companies/${id}`)).body).toEqual(created.body);

    const second = uniqueDomain('acme-mail');
    const changed = await agent.api.patch(`/companies/${id}`, { name: 'Acme Corp', domains: [acme, second] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Acme Corp', domains: [acme, second], notes: 'Key account' });
    // The same again changes nothing and writes no audit line.
    expect((await agent.api.patch(`/companies/${id}`, { name: 'Acme Corp' })).status).toBe(200);
    expect(await auditOf('company', id)).toEqual([
      { action: 'company.created', actor_id: agent.id, data: { name: 'Acme', domains: [acme] } },
      { action: 'company.updated', actor_id: agent.id, data: { name: { from: 'Acme', to: 'Acme Corp' }, domains: { from: [acme], to: [acme, second] } } },
    ]);
  });

  it('refuses malformed input, a domain another company holds, and writes by roles that do not work tickets', async () => {
    const held = uniqueDomain('held');
    await agent.api.post('/companies', { name: 'Holder', domains: [held] });
    for (const body of [{ name: '' }, { name: 'X', domains: ['not a domain'] }, { name: 'X', domains: ['acme'] }, { name: 'X', domains: ['a.example', 'A.example'] }, { name: 'X', notes: 'n'.repeat(5001) }]) {
      const refused = await agent.api.post('/companies', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await agent.api.patch(`/companies/${randomUUID()}`, {})).status).toBe(400);
    const taken = await agent.api.post('/companies', { name: 'Copycat', domains: [uniqueDomain('free'), held] });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ type: expect.stringMatching(/company-domain-taken$/), errors: [{ pointer: '/domains/1' }] });

    expect((await dispatcher.api.post('/companies', { name: 'Nope' })).status).toBe(403);
    expect((await technician.api.get('/companies')).status).toBe(403);
    const mine = (await agent.api.get(`/companies?${new URLSearchParams({ q: 'Holder' })}`)).body.data[0];
    expect((await dispatcher.api.patch(`/companies/${mine.id}`, { name: 'Nope' })).status).toBe(403);
    expect((await dispatcher.api.delete(`/companies/${mine.id}`)).status).toBe(403);
  });

  it('lists by name in keyset pages, searching names and domains', async () => {
    const tag = randomUUID().slice(0, 6);
    const domain = uniqueDomain('zeta');
    for (const name of [`${tag} Beta`, `${tag} Alpha`, `${tag} Gamma`]) await agent.api.post('/companies', { name, ...(name.endsWith('Gamma') && { domains: [domain] }) });
    const first = await agent.api.get(`/companies?${new URLSearchParams({ q: tag, limit: '2' })}`);
    expect(first.body.data.map((company: { name: string }) => company.name)).toEqual([`${tag} Alpha`, `${tag} Beta`]);
    const next = await agent.api.get(`/companies?${new URLSearchParams({ q: tag, limit: '2', cursor: first.body.nextCursor })}`);
    expect(next.body).toMatchObject({ data: [{ name: `${tag} Gamma` }], nextCursor: null });
    expect((await agent.api.get(`/companies?${new URLSearchParams({ q: domain.slice(0, 12) })}`)).body.data.map((company: { name: string }) => company.name)).toEqual([`${tag} Gamma`]);
    expect((await agent.api.get(`/companies?${new URLSearchParams({ cursor: 'garbage' })}`)).status).toBe(400);
  });

  it("another org's company is absent: not listed, not readable, not writable, and its domain is free here", async () => {
    const domain = uniqueDomain('stranger');
    const theirs = (await other.api.post('/companies', { name: 'Theirs', domains: [domain] })).body;
    expect((await agent.api.get(`/companies/${theirs.id}`)).status).toBe(404);
    expect((await agent.api.patch(`/companies/${theirs.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await agent.api.delete(`/companies/${theirs.id}`)).status).toBe(404);
    expect((await agent.api.get(`/companies?${new URLSearchParams({ q: 'Theirs' })}`)).body.data).toEqual([]);
    expect((await agent.api.post('/companies', { name: 'Ours', domains: [domain] })).status).toBe(201);
    // Row-level security: the app role, in this org's tenant, reads none of the other's domains even unfiltered.
    const seen = await withTenant(app, { orgId: org.orgId }, (trx) => trx('company_domains').select('org_id'));
    expect(new Set(seen.map((row: { org_id: string }) => row.org_id))).toEqual(new Set([org.orgId]));
  });

  it('a company is deleted only once no contact names it (409 says who); its domains go with it', async () => {
    const domain = uniqueDomain('leaving');
    const company = (await agent.api.post('/companies', { name: 'Leaving Ltd', domains: [domain] })).body;
    const ticket = (await agent.api.post('/tickets', newTicket({ requester: { email: `pat@${domain}` } }))).body;
    const refused = await agent.api.delete(`/companies/${company.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: expect.stringMatching(/company-in-use$/), detail: expect.stringContaining(`pat@${domain}`) });

    expect((await agent.api.patch(`/contacts/${ticket.requester.id}`, { companyId: null })).status).toBe(200);
    expect((await agent.api.delete(`/companies/${company.id}`)).status).toBe(204);
    expect((await agent.api.get(`/companies/${company.id}`)).status).toBe(404);
    expect(await owner('company_domains').where({ org_id: org.orgId, domain })).toEqual([]);
    expect((await auditOf('company', company.id)).at(-1)).toMatchObject({ action: 'company.deleted', actor_id: agent.id, data: { name: 'Leaving Ltd', domains: [domain] } });
  });
});

describe('contacts', () => {
  it('a new contact on a company domain joins it when their ticket is created, audited; other contacts do not', async () => {
    const domain = uniqueDomain('joined');
    const company = (await agent.api.post('/companies', { name: 'Joined Inc', domains: [domain] })).body;
    // A contact that existed before the domain was the company's keeps having none.
    const earlier = (await agent.api.post('/tickets', newTicket({ requester: { email: `early@${domain.replace('joined', 'nojoin')}` } }))).body;

    const ticket = (await agent.api.post('/tickets', newTicket({ requester: { email: `Ann@${domain.toUpperCase()}`, name: 'Ann' } }))).body;
    const contact = (await agent.api.get(`/contacts/${ticket.requester.id}`)).body;
    expect(contact).toMatchObject({ email: `ann@${domain}`, name: 'Ann', companyId: company.id, company: { id: company.id, name: 'Joined Inc' }, designated: false });
    expect(await auditOf('contact', contact.id)).toEqual([
      { action: 'contact.joined_company', actor_id: null, data: { companyId: company.id, email: `ann@${domain}`, by: 'domain' } },
    ]);
    expect((await agent.api.get(`/contacts/${earlier.requester.id}`)).body.companyId).toBeNull();

    // A contact moved out by hand stays out on their next ticket.
    await agent.api.patch(`/contacts/${contact.id}`, { companyId: null });
    await agent.api.post('/tickets', newTicket({ requester: { email: `ann@${domain}` } }));
    expect((await agent.api.get(`/contacts/${contact.id}`)).body.companyId).toBeNull();
    expect((await agent.api.get(`/companies/${company.id}`)).body.contactCount).toBe(0);
  });

  it('an agent sets name, phone, company and the designated flag; each change audited; bad values refused', async () => {
    const company = (await agent.api.post('/companies', { name: 'Edited Co' })).body;
    const ticket = (await agent.api.post('/tickets', newTicket())).body;
    const id = ticket.requester.id as string;

    expect((await agent.api.patch(`/contacts/${id}`, { designated: true })).body.type).toMatch(/designated-needs-company$/);
    const changed = await agent.api.patch(`/contacts/${id}`, { name: 'Casey Q', phone: '+49 30 1234-5', companyId: company.id, designated: true });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Casey Q', phone: '+49 30 1234-5', companyId: company.id, designated: true });
    // Leaving the company ends being its designated contact.
    expect((await agent.api.patch(`/contacts/${id}`, { companyId: null })).body).toMatchObject({ companyId: null, designated: false });
    expect((await auditOf('contact', id)).map((row: { action: string; data: object }) => row.data)).toEqual([
      { name: { from: 'Casey Customer', to: 'Casey Q' }, phone: { from: null, to: '+49 30 1234-5' }, companyId: { from: null, to: company.id }, designated: { from: false, to: true } },
      { companyId: { from: company.id, to: null }, designated: { from: true, to: false } },
    ]);

    for (const body of [{}, { email: 'nope' }, { phone: 'call me' }, { companyId: 'x' }, { designated: 'yes' }]) {
      expect((await agent.api.patch(`/contacts/${id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    const foreignCompany = (await other.api.post('/companies', { name: 'Foreign' })).body;
    expect((await agent.api.patch(`/contacts/${id}`, { companyId: foreignCompany.id })).body.type).toMatch(/unknown-company$/);
    const someoneElse = (await agent.api.post('/tickets', newTicket())).body.requester;
    const clash = await agent.api.patch(`/contacts/${id}`, { email: someoneElse.email.toUpperCase() });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ pointer: '/email', message: expect.any(String) }]);

    expect((await dispatcher.api.patch(`/contacts/${id}`, { name: 'No' })).status).toBe(403);
    expect((await technician.api.get(`/contacts/${id}`)).status).toBe(403);
    expect((await other.api.get(`/contacts/${id}`)).status).toBe(404);
    expect((await other.api.patch(`/contacts/${id}`, { name: 'Stolen' })).status).toBe(404);
  });

  it("lists by address in keyset pages, by search or company; never another org's", async () => {
    const domain = uniqueDomain('listed');
    const company = (await agent.api.post('/companies', { name: 'Listed', domains: [domain] })).body;
    for (const local of ['cy', 'ab', 'bo']) await agent.api.post('/tickets', newTicket({ requester: { email: `${local}@${domain}` } }));
    await other.api.post('/tickets', newTicket({ requester: { email: `zz@${domain}` } }));

    const first = await dispatcher.api.get(`/contacts?${new URLSearchParams({ companyId: company.id, limit: '2' })}`);
    expect(first.body.data.map((contact: { email: string }) => contact.email)).toEqual([`ab@${domain}`, `bo@${domain}`]);
    const next = await dispatcher.api.get(`/contacts?${new URLSearchParams({ companyId: company.id, limit: '2', cursor: first.body.nextCursor })}`);
    expect(next.body).toMatchObject({ data: [{ email: `cy@${domain}` }], nextCursor: null });
    expect((await agent.api.get(`/contacts?${new URLSearchParams({ q: domain })}`)).body.data).toHaveLength(3);
    expect((await agent.api.get(`/contacts?${new URLSearchParams({ companyId: 'not-a-uuid' })}`)).status).toBe(400);
  });
});

describe('rules and SLA policies see the company', () => {
  it('a ticket from a contact of a company gets the policy naming it, and rules read its name and domain', async () => {
    const domain = uniqueDomain('vip');
    const company = (await org.api.post('/companies', { name: 'VIP Co', domains: [uniqueDomain('vip-first'), domain] })).body;
    const policy = await org.api.post('/sla-policies', { name: 'VIP', conditions: { companyIds: [company.id] }, targets: { normal: { first_response: 1234 } } });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);

    const ticket = (await agent.api.post('/tickets', newTicket({ requester: { email: `boss@${domain}` } }))).body;
    const clocks = (await eventually(() => agent.api.get(`/tickets/${ticket.number}/sla`), (response) => response.body.data.length > 0)).body.data;
    expect(clocks).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'first_response', targetSeconds: 1234 })]));
    const outsider = (await agent.api.post('/tickets', newTicket())).body;
    expect((await agent.api.get(`/tickets/${outsider.number}/sla`)).body.data).toEqual([]);

    const result = await org.api.post('/rules/test', {
      ticketNumber: ticket.number,
      definition: {
        name: 'VIP', events: ['ticket.created'], actions: [{ type: 'add_tags', tags: ['vip'] }],
        conditions: { all: [{ fact: 'company.name', operator: 'equal', value: 'VIP Co' }, { fact: 'company.domain', operator: 'equal', value: domain }] },
      },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ matched: true, conditions: { all: [{ factValue: 'VIP Co', result: true }, { factValue: domain, result: true }] } });
    await org.api.delete(`/sla-policies/${policy.body.id}`);
  });
});
