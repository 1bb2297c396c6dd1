import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { addMember, type Member, type Org } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { signedInToPortal } from '../helpers/portal-browser';
import { signupPortalOrg } from '../helpers/portal-org';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let orgA: Org & { slug: string };
let orgB: Org & { slug: string };
let agent: Member;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  orgA = await signupPortalOrg(stack.url, owner);
  orgB = await signupPortalOrg(stack.url, owner);
  agent = await addMember(orgA, 'agent');
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
});

const contactId = async (org: Org, email: string) => (await org.api.get(`/contacts?${new URLSearchParams({ q: email })}`)).body.data[0].id as string;
const numbers = (response: { body: { data: { number: number }[] } }) => response.body.data.map((request) => request.number);

describe("a company's designated contact in the portal", () => {
  it("sees and answers every ticket of the company's contacts (public conversation only); a normal contact, another company or another org never", async () => {
    const domain = `acme-${randomUUID().slice(0, 8)}.example`;
    const company = (await agent.api.post('/companies', { name: 'Acme', domains: [domain] })).body;
    // Both join Acme by their domain when they first sign in.
    const worker = await signedInToPortal(stack.url, orgA.slug, `worker@${domain}`);
    const boss = await signedInToPortal(stack.url, orgA.slug, `boss@${domain}`);
    const own = (await worker.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Printer jam', description: 'Tray 2 again.' })).body.number as number;
    const bosses = (await boss.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Budget approval', description: 'For the boss only.' })).body.number as number;
    await agent.api.post(`/tickets/${own}/replies`, { body: 'INTERNAL: vendor is slow', visibility: 'internal' });
    await agent.api.post(`/tickets/${own}/replies`, { body: 'A technician comes Monday.', visibility: 'public' });

    // Not designated yet: each sees only their own.
    expect(numbers(await boss.request('GET', `/portal/${orgA.slug}/requests`))).toEqual([bosses]);
    expect((await boss.request('GET', `/portal/${orgA.slug}/requests/${own}`)).status).toBe(404);

    const bossId = await contactId(orgA, boss.email);
    expect((await agent.api.patch(`/contacts/${bossId}`, { designated: true })).body).toMatchObject({ companyId: company.id, designated: true });
    const list = await boss.request('GET', `/portal/${orgA.slug}/requests`);
    expect(list.body.data.map((request: { number: number; mine: boolean; requester: { email: string } }) => [request.number, request.mine, request.requester.email]).sort())
      .toEqual([[bosses, true, boss.email], [own, false, worker.email]].sort());
    const detail = await boss.request('GET', `/portal/${orgA.slug}/requests/${own}`);
    expect(detail.status).toBe(200);
    expect(detail.body.messages.map((message: { from: string; body: string }) => [message.from, message.body])).toEqual([['customer', 'Tray 2 again.'], ['support', 'A technician comes Monday.']]);
    expect(JSON.stringify(detail.body)).not.toContain('INTERNAL');
    const html = await (await fetch(`${stack.url}/portal/${orgA.slug}/requests`, { headers: { cookie: boss.cookie! } })).text();
    expect(html).toContain('Requested by');

    // The boss's reply goes on the worker's ticket (not a new one); solving it stays the worker's.
    expect((await boss.request('POST', `/portal/${orgA.slug}/requests/${own}/replies`, { body: 'Monday is fine.' })).status).toBe(202);
    await eventually(() => agent.api.get(`/tickets/${own}/timeline`),
      (response) => response.body.data.some((event: { type: string; data: { body?: string } }) => event.type === 'customer_replied' && event.data.body === 'Monday is fine.'));
    expect((await boss.request('POST', `/portal/${orgA.slug}/requests/${own}/solve`)).status).toBe(403);

    // The worker (a normal contact) does not see the boss's ticket.
    expect(numbers(await worker.request('GET', `/portal/${orgA.slug}/requests`))).toEqual([own]);
    expect((await worker.request('GET', `/portal/${orgA.slug}/requests/${bosses}`)).status).toBe(404);

    // The designated contact of another company sees none of Acme's.
    const otherDomain = `globex-${randomUUID().slice(0, 8)}.example`;
    await agent.api.post('/companies', { name: 'Globex', domains: [otherDomain] });
    const rival = await signedInToPortal(stack.url, orgA.slug, `chief@${otherDomain}`);
    await agent.api.patch(`/contacts/${await contactId(orgA, rival.email)}`, { designated: true });
    expect(numbers(await rival.request('GET', `/portal/${orgA.slug}/requests`))).toEqual([]);
    expect((await rival.request('GET', `/portal/${orgA.slug}/requests/${own}`)).status).toBe(404);
    expect((await rival.request('POST', `/portal/${orgA.slug}/requests/${own}/replies`, { body: 'hijack' })).status).toBe(404);

    // Another org's designated contact on the same domain sees none of org A's tickets.
    await orgB.api.post('/companies', { name: 'Acme (B)', domains: [domain] });
    const inB = await signedInToPortal(stack.url, orgB.slug, `boss@${domain}`);
    await orgB.api.patch(`/contacts/${await contactId(orgB, inB.email)}`, { designated: true });
    expect(numbers(await inB.request('GET', `/portal/${orgB.slug}/requests`))).toEqual([]);
    expect((await inB.request('GET', `/portal/${orgB.slug}/requests/${own}`)).status).toBe(404);

    // Moved out of the company, the boss sees their own again, and only that.
    await agent.api.patch(`/contacts/${bossId}`, { companyId: null });
    expect(numbers(await boss.request('GET', `/portal/${orgA.slug}/requests`))).toEqual([bosses]);
    expect((await boss.request('GET', `/portal/${orgA.slug}/requests/${own}`)).status).toBe(404);
  });
});
