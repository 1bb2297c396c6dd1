import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signupOrg, type Org } from '../helpers/api-client';
import { createMailbox, eventually, send, startEmailStack, tickets, uniqueAddress, type EmailStack } from './helpers';

let stack: EmailStack;
let org: Org;
let mailbox: { id: string; address: string };

beforeAll(async () => {
  stack = await startEmailStack({ settings: { senderCap: 2 } });
  org = await signupOrg(stack.url);
  mailbox = await createMailbox(org, { name: 'Capped', address: uniqueAddress('capped'), inboundMode: 'smtp', acknowledge: false });
});

afterAll(async () => {
  await stack?.stop();
});

const customer = () => `flood-${randomUUID().slice(0, 8)}@customer.example`;

describe('rejected mail', () => {
  it('keeps mail over the sender cap as rejected mail, which an admin lists and retries onto a ticket; other orgs and agents cannot', async () => {
    const from = customer();
    const tag = randomUUID().slice(0, 6);
    const subjects = [1, 2, 3, 4].map((index) => `Flood ${index} ${tag}`);
    for (const subject of subjects) await send(stack.smtpPort, { from, to: mailbox.address, subject, text: `message ${subject}` });
    const mine = async () => (await tickets(org.api)).filter((ticket) => ticket.requester.email === from).map((ticket) => ticket.subject).sort();
    await eventually(async () => (await mine()).length === 2, 'two tickets under the cap');

    const listed = await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail`);
    expect(listed.status).toBe(200);
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.body.data.map((row: any) => row.subject).sort()).toEqual(subjects.slice(2));
    expect(listed.body.data[0]).toMatchObject({ mailboxId: mailbox.id, source: 'smtp', envelopeFrom: from, from, reason: 'sender rate limit', retries: 0, retriedAt: null });
    expect(listed.body.data[0].size).toBeGreaterThan(0);

    // Pages of one, newest first; a cursor that is not ours is a 400 problem.
    const first = await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail?limit=1`);
    expect(first.body.data).toHaveLength(1);
    const second = await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.data, ...second.body.data].map((row: any) => row.id)).toEqual(listed.body.data.map((row: any) => row.id));
    const badCursor = await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail?cursor=${Buffer.from('{"r":"not a time","i":"x"}').toString('base64url')}`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.headers.get('content-type')).toContain('application/problem+json');

    // Tenancy and roles: another org's admin sees neither the list nor the message; an agent may not.
    const [held] = listed.body.data;
    const other = await signupOrg(stack.url);
    expect((await other.api.get(`/mailboxes/${mailbox.id}/rejected-mail`)).status).toBe(404);
    expect((await other.api.post(`/rejected-mail/${held.id}/retry`)).status).toBe(404);
    const agent = await addMember(org, 'agent');
    expect((await agent.api.get(`/mailboxes/${mailbox.id}/rejected-mail`)).status).toBe(403);
    expect((await agent.api.post(`/rejected-mail/${held.id}/retry`)).status).toBe(403);
    expect((await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail`)).body.data).toHaveLength(2);

    // The admin's retry is a person's decision: the cap does not apply.
    const retried = await org.api.post(`/rejected-mail/${held.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ ingested: true, outcome: 'ticket' });
    const ticket = (await tickets(org.api)).find((candidate) => candidate.number === retried.body.ticketNumber);
    expect(ticket).toMatchObject({ subject: held.subject, requester: { email: from } });
    expect(ticket.description).toBe(`message ${held.subject}`);
    const after = (await org.api.get(`/mailboxes/${mailbox.id}/rejected-mail`)).body.data;
    expect(after.map((row: any) => row.id)).not.toContain(held.id);
    expect(after).toHaveLength(1);

    // Retrying again finds nothing; an unknown id is a 404 problem.
    expect((await org.api.post(`/rejected-mail/${held.id}/retry`)).status).toBe(404);
    expect((await org.api.get(`/mailboxes/${randomUUID()}/rejected-mail`)).status).toBe(404);
  });
});
