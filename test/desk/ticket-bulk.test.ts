import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { addMember, newTicket, type Member, type Org } from '../helpers/api-client';
import { startTwoOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let orgA: Org;
let orgB: Org;
let agent: Member;

beforeAll(async () => {
  ({ stack, orgA, orgB } = await startTwoOrgStack());
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  agent = await addMember(orgA, 'agent');
});
afterAll(async () => {
  await owner?.destroy();
  await stack?.stop();
});

const open = async (org: Org, subject = 'Printer on fire'): Promise<number> => (await org.api.post('/tickets', newTicket({ subject }))).body.number;
const eventsOf = (org: Org, number: number, type: string) =>
  owner('ticket_events').where({ org_id: org.orgId, ticket_number: number, type }).count<{ count: string }[]>({ count: '*' }).then((rows) => Number(rows[0]?.count));

describe('bulk actions on a selection of tickets', () => {
  it('assigns each ticket through its own command and answers per ticket, a closed one refused without stopping the rest', async () => {
    const numbers = [await open(orgA), await open(orgA), await open(orgA)];
    const closed = await open(orgA);
    await orgA.api.post(`/tickets/${closed}/status`, { status: 'solved' });
    expect((await orgA.api.post(`/tickets/${closed}/status`, { status: 'closed' })).body.status).toBe('closed');

    const answer = await agent.api.post('/tickets/bulk', { numbers: [...numbers, closed], action: { type: 'assign', assigneeId: agent.id } });
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((result: { number: number; ok: boolean }) => [result.number, result.ok])).toEqual([...numbers.map((n) => [n, true]), [closed, false]]);
    expect(answer.body.data[3].problem).toMatchObject({ status: 409, type: expect.stringContaining('ticket-closed') });
    for (const number of numbers) {
      expect((await orgA.api.get(`/tickets/${number}`)).body.assignee).toEqual({ id: agent.id, name: 'agent person' });
      expect(await eventsOf(orgA, number, 'assigned')).toBe(1);
    }
  });

  it('adds and removes tags, keeping each ticket\'s others, and sets status and priority', async () => {
    const first = (await orgA.api.post('/tickets', newTicket({ tags: ['billing'] }))).body.number as number;
    const second = await open(orgA);
    const tagged = await agent.api.post('/tickets/bulk', { numbers: [first, second], action: { type: 'add_tags', tags: ['VIP', 'billing'] } });
    expect(tagged.body.data.map((result: { ticket: { tags: string[] } }) => result.ticket.tags)).toEqual([['billing', 'vip'], ['billing', 'vip']]);
    const untagged = await agent.api.post('/tickets/bulk', { numbers: [first, second], action: { type: 'remove_tags', tags: ['billing'] } });
    expect(untagged.body.data.map((result: { ticket: { tags: string[] } }) => result.ticket.tags)).toEqual([['vip'], ['vip']]);

    await agent.api.post('/tickets/bulk', { numbers: [first, second], action: { type: 'priority', priority: 'urgent' } });
    const solved = await agent.api.post('/tickets/bulk', { numbers: [first, second], action: { type: 'status', status: 'solved' } });
    expect(solved.body.data.map((result: { ticket: { status: string; priority: string } }) => [result.ticket.status, result.ticket.priority])).toEqual([['solved', 'urgent'], ['solved', 'urgent']]);
  });

  it('keeps every tag when bulk and single tag changes to one ticket run at the same time', async () => {
    const number = await open(orgA);
    // Ten concurrent changes, each adding its own tag: before, each set the tags it had read,
    // so the last to land dropped the others' tags.
    const tags = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const answers = await Promise.all(tags.map((tag, i) => (i % 2 === 0
      ? agent.api.post('/tickets/bulk', { numbers: [number], action: { type: 'add_tags', tags: [tag] } })
      : agent.api.patch(`/tickets/${number}`, { addTags: [tag] }))));
    expect(answers.map((answer) => answer.status)).toEqual(tags.map(() => 200));
    expect((await orgA.api.get(`/tickets/${number}`)).body.tags).toEqual(tags);
    const removed = await Promise.all(['t1', 't2'].map((tag) => agent.api.patch(`/tickets/${number}`, { removeTags: [tag] })));
    expect(removed.map((answer) => answer.status)).toEqual([200, 200]);
    expect((await orgA.api.get(`/tickets/${number}`)).body.tags).toEqual(tags.filter((tag) => tag !== 't1' && tag !== 't2'));
    expect(await eventsOf(orgA, number, 'tags_changed')).toBe(12);
  });

  it('merges several tickets into one', async () => {
    const target = await open(orgA, 'Printer offline');
    const duplicates = [await open(orgA, 'Printer offline again'), await open(orgA, 'Printer still offline')];
    const merged = await agent.api.post('/tickets/bulk', { numbers: duplicates, action: { type: 'merge', into: target } });
    expect(merged.body.data.every((result: { ok: boolean; ticket: { status: string } }) => result.ok && result.ticket.status === 'closed')).toBe(true);
    const relations = (await orgA.api.get(`/tickets/${target}/relations`)).body;
    expect(relations.merged.map((ticket: { number: number }) => ticket.number).sort()).toEqual([...duplicates].sort());
  });

  it('applies each change once when a keyed request is retried', async () => {
    const numbers = [await open(orgA), await open(orgA)];
    const request = { numbers, action: { type: 'status', status: 'pending' } };
    const key = { 'idempotency-key': `bulk-${numbers[0]}` };
    expect((await agent.api.post('/tickets/bulk', request, key)).status).toBe(200);
    const retried = await agent.api.post('/tickets/bulk', request, key);
    expect(retried.body.data.every((result: { ok: boolean }) => result.ok)).toBe(true);
    for (const number of numbers) expect(await eventsOf(orgA, number, 'status_changed')).toBe(1);
    // The same key with another body is refused rather than answered with the first.
    expect((await agent.api.post('/tickets/bulk', { ...request, action: { type: 'status', status: 'open' } }, key)).status).toBe(422);
  });

  it('refuses bad input whole, a role that does not work tickets, and never touches another organization\'s tickets', async () => {
    const mine = await open(orgA);
    for (const body of [
      { numbers: [], action: { type: 'status', status: 'open' } },
      { numbers: [mine, mine], action: { type: 'status', status: 'open' } },
      { numbers: Array.from({ length: 101 }, (_, i) => i + 1), action: { type: 'status', status: 'open' } },
      { numbers: [mine], action: { type: 'delete' } },
      { numbers: [mine], action: { type: 'assign' } },
    ]) {
      const refused = await agent.api.post('/tickets/bulk', body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    const dispatcher = await addMember(orgA, 'dispatcher');
    expect((await dispatcher.api.post('/tickets/bulk', { numbers: [mine], action: { type: 'status', status: 'open' } })).status).toBe(403);

    // Numbers are per organization: the same number names the caller's own ticket, if any, never the other's.
    const theirs = await open(orgB, 'Only in org B');
    const across = await agent.api.post('/tickets/bulk', { numbers: [theirs], action: { type: 'status', status: 'solved' } });
    const result = across.body.data[0];
    if (result.ok) expect(result.ticket.subject).not.toBe('Only in org B');
    else expect(result.problem.status).toBe(404);
    expect((await orgB.api.get(`/tickets/${theirs}`)).body.status).toBe('new');
  });
});
