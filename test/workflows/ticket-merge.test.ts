import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, signupOrg, type Org } from '../helpers/api-client';
import { createMailbox, eventually, send, sinkRelay, startEmailStack, startSink, timeline, uniqueAddress, type EmailStack, type Sink } from '../email/helpers';

let stack: EmailStack;
let sink: Sink;
let org: Org;
let other: Org;
let mailbox: { id: string; address: string };

beforeAll(async () => {
  sink = await startSink();
  stack = await startEmailStack();
  org = await signupOrg(stack.url);
  other = await signupOrg(stack.url);
  mailbox = await createMailbox(org, { name: 'Support', address: uniqueAddress('merge'), inboundMode: 'smtp', acknowledge: false, smtp: sinkRelay(sink) });
});

afterAll(async () => {
  await stack?.stop();
  await sink?.stop();
});

const customer = (name: string) => `${name}-${randomUUID().slice(0, 8)}@customer.example`;
const toOf = (mail: Sink['messages'][number]) => (mail.to && !Array.isArray(mail.to) ? mail.to.value.map((to) => to.address) : []);
const ccOf = (mail: Sink['messages'][number]) => (mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((cc) => cc.address) : []);

/** A ticket opened by a customer's mail; its number once intake made it. */
async function mailedTicket(from: string, subject: string, text: string): Promise<number> {
  await send(stack.smtpPort, { from, to: mailbox.address, subject, text });
  const found = await eventually(async () => {
    const page = await org.api.get(`/tickets?q=${encodeURIComponent(subject.split(' ').at(-1)!)}`);
    return page.body.data?.find((ticket: { subject: string }) => ticket.subject === subject);
  }, `the ticket for ${subject}`);
  return found.number;
}

async function openTicket(api: Org['api'] = org.api): Promise<number> {
  const created = await api.post('/tickets', newTicket({ subject: `Ticket ${randomUUID().slice(0, 6)}` }));
  expect(created.status).toBe(201);
  return created.body.number;
}

describe('merging tickets', () => {
  it('closes the merged ticket with a pointer; its mail, requester and text go on the target', async () => {
    const alice = customer('alice');
    const bob = customer('bob');
    const tag = randomUUID().slice(0, 8);
    const source = await mailedTicket(alice, `Printer offline ${tag}`, 'Our printer shows offline since this morning.');
    const target = await mailedTicket(bob, `Printing broken ${tag}b`, 'Nobody on the floor can print.');

    // The agent answered the merged ticket's requester before the merge: her answer to that mail must find the target.
    await org.api.post(`/tickets/${source}/replies`, { body: `Looking into it ${tag}.`, visibility: 'public' });
    const answered = await eventually(async () => sink.messages.find((mail) => mail.text?.includes(`Looking into it ${tag}.`)), 'the reply to alice');

    const merged = await org.api.post(`/tickets/${source}/merge`, { into: target });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ number: source, status: 'closed' });

    const sourceRelations = await org.api.get(`/tickets/${source}/relations`);
    expect(sourceRelations.body.mergedInto).toMatchObject({ number: target });
    const targetRelations = await eventually(async () => {
      const relations = await org.api.get(`/tickets/${target}/relations`);
      return relations.body.ccs.length > 0 && relations.body;
    }, 'the target hearing of the merge');
    expect(targetRelations.merged).toEqual([expect.objectContaining({ number: source })]);
    expect(targetRelations.ccs.map((cc: { email: string }) => cc.email)).toEqual([alice]);
    const targetEvents = await timeline(org.api, target);
    expect(targetEvents.find((event) => event.type === 'merged_from')?.data).toEqual({ number: source, subject: `Printer offline ${tag}` });
    expect((await timeline(org.api, source)).map((event) => event.type)).toEqual(expect.arrayContaining(['merged_into', 'status_changed']));

    // Searching the merged ticket's words finds the target.
    const found = await org.api.get('/tickets?q=offline');
    expect(found.body.data.map((ticket: { number: number }) => ticket.number)).toContain(target);

    // Alice answers the reply she got on the merged ticket: it lands on the target, not on a new ticket.
    await send(stack.smtpPort, {
      from: alice, to: mailbox.address, subject: `Re: ${answered.subject}`, text: `Still offline ${tag}`,
      inReplyTo: answered.messageId, references: [answered.messageId!],
    });
    await eventually(async () => (await timeline(org.api, target)).find((event) => event.type === 'customer_replied' && event.data.body.includes(`Still offline ${tag}`)), 'alice\'s mail on the target');

    // The target's public replies go to its requester, with the merged ticket's requester copied.
    await org.api.post(`/tickets/${target}/replies`, { body: `Fixed for everyone ${tag}.`, visibility: 'public' });
    const fixed = await eventually(async () => sink.messages.find((mail) => mail.text?.includes(`Fixed for everyone ${tag}.`)), 'the reply on the target');
    expect(toOf(fixed)).toEqual([bob]);
    expect(ccOf(fixed)).toEqual([alice]);

    // The merged ticket takes no more commands, and says where its conversation went.
    const late = await org.api.post(`/tickets/${source}/replies`, { body: 'too late', visibility: 'public' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: expect.stringContaining('ticket-merged'), mergedInto: target });
  });

  it('a reply racing a merge is either on the merged ticket before it closed, or refused with where it went: never lost', async () => {
    for (let round = 0; round < 3; round += 1) {
      const source = await openTicket();
      const target = await openTicket();
      const body = `In flight ${randomUUID().slice(0, 6)}`;
      const [reply, merge] = await Promise.all([
        org.api.post(`/tickets/${source}/replies`, { body, visibility: 'internal' }),
        org.api.post(`/tickets/${source}/merge`, { into: target }),
      ]);
      expect(merge.status).toBe(200);
      const events = await timeline(org.api, source);
      const replyAt = events.findIndex((event) => event.type === 'replied' && event.data.body === body);
      const mergeAt = events.findIndex((event) => event.type === 'merged_into');
      if (reply.status === 200) {
        expect(replyAt).toBeGreaterThanOrEqual(0);
        expect(replyAt).toBeLessThan(mergeAt);
      } else {
        expect(reply.status).toBe(409);
        expect(reply.body.mergedInto).toBe(target);
        expect(replyAt).toBe(-1);
      }
    }
  });

  it('refuses merging into itself, into a closed or unknown ticket, or one of another organization', async () => {
    const source = await openTicket();
    expect((await org.api.post(`/tickets/${source}/merge`, { into: source })).status).toBe(422);
    expect((await org.api.post(`/tickets/${source}/merge`, { into: 'seven' })).status).toBe(400);
    const unknown = await org.api.post(`/tickets/${source}/merge`, { into: 999_999 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toContain('unknown-ticket');
    // Numbers are per organization: the other org has only its one ticket, so ours are unknown to it.
    const foreign = await openTicket(other.api);
    expect(source).toBeGreaterThan(foreign);
    expect((await other.api.post(`/tickets/${foreign}/merge`, { into: source })).status).toBe(422);
    expect((await other.api.get(`/tickets/${source}/relations`)).status).toBe(404);
    expect((await other.api.post(`/tickets/${source}/links`, { number: foreign })).status).toBe(404);
    const closed = await openTicket();
    await org.api.post(`/tickets/${closed}/status`, { status: 'solved' });
    await org.api.post(`/tickets/${closed}/status`, { status: 'closed' });
    expect((await org.api.post(`/tickets/${source}/merge`, { into: closed })).status).toBe(409);
    // Nothing happened to the ticket that was refused every time.
    expect((await org.api.get(`/tickets/${source}`)).body.status).toBe('new');
    expect((await other.api.get(`/tickets/${foreign}`)).body.status).toBe('new');
  });

  it('only agents merge, split and link', async () => {
    const technician = await addMember(org, 'technician');
    const source = await openTicket();
    const target = await openTicket();
    expect((await technician.api.post(`/tickets/${source}/merge`, { into: target })).status).toBe(403);
    expect((await technician.api.post(`/tickets/${source}/links`, { number: target })).status).toBe(403);
    expect((await technician.api.post(`/tickets/${source}/split`, { seq: 1 })).status).toBe(403);
  });
});

describe('splitting and linking', () => {
  it('splits a customer message out into a new ticket for its sender, linked to the old one', async () => {
    const carol = customer('carol');
    const tag = randomUUID().slice(0, 8);
    const number = await mailedTicket(carol, `Two problems ${tag}`, 'The scanner is broken.');
    await send(stack.smtpPort, { from: carol, to: mailbox.address, subject: `Re: Two problems ${tag} [#${number}]`, text: `Also the badge reader at door 3 is dead ${tag}.` });
    const message = await eventually(async () => (await timeline(org.api, number)).find((event) => event.type === 'customer_replied'), 'the second message');
    const seq = Number(String(message.id).split('-')[1]);

    const split = await org.api.post(`/tickets/${number}/split`, { seq, subject: `Badge reader ${tag}` });
    expect(split.status).toBe(201);
    expect(split.body).toMatchObject({ subject: `Badge reader ${tag}`, requester: { email: carol } });
    expect(split.body.description).toContain(`badge reader at door 3 is dead ${tag}`);

    const old = await timeline(org.api, number);
    expect(old.find((event) => event.type === 'split_out')?.data).toEqual({ seq, number: split.body.number });
    expect((await org.api.get(`/tickets/${number}/relations`)).body.links).toEqual([expect.objectContaining({ number: split.body.number, kind: 'related' })]);
    expect((await org.api.get(`/tickets/${split.body.number}/relations`)).body.links).toEqual([expect.objectContaining({ number, kind: 'related' })]);

    // A change with no message is refused, and nothing is opened.
    const before = (await org.api.get('/tickets/counts')).body;
    expect((await org.api.post(`/tickets/${number}/split`, { seq: 1_000 })).status).toBe(422);
    expect((await org.api.get('/tickets/counts')).body).toEqual(before);
  });

  it('a split retried with its Idempotency-Key opens one ticket', async () => {
    const number = await openTicket();
    await org.api.post(`/tickets/${number}/replies`, { body: 'a second question', visibility: 'public' });
    const seq = (await timeline(org.api, number)).find((event) => event.type === 'replied').id.split('-')[1];
    const key = randomUUID();
    const first = await org.api.post(`/tickets/${number}/split`, { seq: Number(seq) }, { 'idempotency-key': key });
    const again = await org.api.post(`/tickets/${number}/split`, { seq: Number(seq) }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.number).toBe(first.body.number);
    expect((await timeline(org.api, number)).filter((event) => event.type === 'split_out')).toHaveLength(1);
  });

  it('shows a parent link as a child link on the other ticket, and either side can remove it', async () => {
    const incident = await openTicket();
    const problem = await openTicket();
    const linked = await org.api.post(`/tickets/${incident}/links`, { number: problem, kind: 'parent' });
    expect(linked.status).toBe(200);
    expect(linked.body.links).toEqual([expect.objectContaining({ number: problem, kind: 'parent' })]);
    expect((await org.api.get(`/tickets/${problem}/relations`)).body.links).toEqual([expect.objectContaining({ number: incident, kind: 'child' })]);

    const removed = await org.api.delete(`/tickets/${problem}/links/${incident}`);
    expect(removed.status).toBe(200);
    expect(removed.body.links).toEqual([]);
    expect((await org.api.get(`/tickets/${incident}/relations`)).body.links).toEqual([]);
    expect((await timeline(org.api, incident)).map((event) => event.type)).toEqual(expect.arrayContaining(['linked', 'unlinked']));
    expect((await org.api.delete(`/tickets/${problem}/links/${incident}`)).status).toBe(404);
    expect((await org.api.post(`/tickets/${incident}/links`, { number: incident })).status).toBe(422);
    expect((await org.api.post(`/tickets/${incident}/links`, { number: problem, kind: 'sibling' })).status).toBe(400);
  });
});

describe('CCs and logged calls', () => {
  it('copies an added CC on public replies until removed, and keeps other tenants out', async () => {
    const tag = randomUUID().slice(0, 8);
    const requester = customer('dave');
    const supplier = customer('supplier');
    const created = await org.api.post('/tickets', newTicket({ subject: `Parts ${tag}`, requester: { email: requester } }));
    const number = created.body.number as number;

    const added = await org.api.post(`/tickets/${number}/ccs`, { email: supplier.toUpperCase(), name: 'Parts desk' });
    expect(added.status).toBe(200);
    expect(added.body.ccs).toEqual([expect.objectContaining({ email: supplier, name: 'Parts desk' })]);
    expect((await org.api.post(`/tickets/${number}/ccs`, { email: 'nope' })).status).toBe(400);
    expect((await other.api.post(`/tickets/${number}/ccs`, { email: customer('intruder') })).status).toBe(404);

    await org.api.post(`/tickets/${number}/replies`, { body: `Part ordered ${tag}.`, visibility: 'public' });
    const copied = await eventually(async () => sink.messages.find((mail) => mail.text?.includes(`Part ordered ${tag}.`)), 'the copied reply');
    expect(toOf(copied)).toEqual([requester]);
    expect(ccOf(copied)).toEqual([supplier]);

    const removed = await org.api.delete(`/tickets/${number}/ccs/${added.body.ccs[0].id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.ccs).toEqual([]);
    await org.api.post(`/tickets/${number}/replies`, { body: `Part arrived ${tag}.`, visibility: 'public' });
    const alone = await eventually(async () => sink.messages.find((mail) => mail.text?.includes(`Part arrived ${tag}.`)), 'the reply after removal');
    expect(ccOf(alone)).toEqual([]);
    expect((await timeline(org.api, number)).map((event) => event.type)).toEqual(expect.arrayContaining(['cc_added', 'cc_removed']));
  });

  it('logs a phone call on a ticket opened from a call, findable by its notes', async () => {
    const tag = randomUUID().slice(0, 8);
    const number = (await org.api.post('/tickets', newTicket({ subject: `Caller ${tag}`, channel: 'phone' }))).body.number as number;
    const logged = await org.api.post(`/tickets/${number}/calls`, { direction: 'inbound', phoneNumber: '+1 555 0100', durationSeconds: 240, notes: `Boiler pressure low ${tag}` });
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({ channel: 'phone', status: 'open' });
    const call = (await timeline(org.api, number)).find((event) => event.type === 'call_logged');
    expect(call.data).toEqual({ direction: 'inbound', phoneNumber: '+1 555 0100', durationSeconds: 240, notes: `Boiler pressure low ${tag}` });
    expect(call.actor).toMatchObject({ id: org.owner.id });
    expect((await org.api.get(`/tickets?q=${tag}`)).body.data.map((ticket: { number: number }) => ticket.number)).toContain(number);
    expect((await org.api.post(`/tickets/${number}/calls`, { direction: 'sideways', phoneNumber: '1', durationSeconds: -3 })).status).toBe(400);
  });
});
