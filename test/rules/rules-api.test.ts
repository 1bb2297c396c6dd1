import { describe, expect, it } from 'vitest';
import { newTicket, signupOrg, type Member, type Org } from '../helpers/api-client';
import { startAgentStack } from '../helpers/org-stack';
import { stackForSuite } from '../helpers/suite-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
let agent: Member;
stackForSuite(startAgentStack, (started) => ({ stack, org, agent } = started));

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Refunds are billing',
  events: ['ticket.created'],
  conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'refund' }] },
  actions: [{ type: 'add_tags', tags: ['billing'] }],
  ...overrides,
});

describe('rules API', () => {
  it('creates, lists in order, revises with a new version, disables, reorders and deletes', async () => {
    const first = await org.api.post('/rules', rule());
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ version: 1, enabled: true, fireCount: 0, lastFiredAt: null, stopProcessing: false, timeTrigger: null });
    const second = await org.api.post('/rules', rule({ name: 'Second' }));
    expect(second.body.position).toBeGreaterThan(first.body.position);

    const revised = await org.api.request('PUT', `/rules/${first.body.id}`, rule({ name: 'Refunds v2' }));
    expect(revised.body).toMatchObject({ name: 'Refunds v2', version: 2 });
    const versions = await org.api.get(`/rules/${first.body.id}/versions`);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.data[1].definition.name).toBe('Refunds are billing');

    expect((await org.api.patch(`/rules/${first.body.id}`, { enabled: false })).body.enabled).toBe(false);
    const reordered = await org.api.post('/rules/order', { ids: [second.body.id, first.body.id] });
    expect(reordered.body.data.map((r: { id: string }) => r.id).slice(0, 2)).toEqual([second.body.id, first.body.id]);

    expect((await org.api.delete(`/rules/${second.body.id}`)).status).toBe(204);
    expect((await org.api.get(`/rules/${second.body.id}`)).status).toBe(404);
    expect((await org.api.get('/rules')).body.data.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
    await org.api.delete(`/rules/${first.body.id}`);
  });

  it('answers semantic mistakes with 422 and a JSON pointer to each', async () => {
    const response = await org.api.post('/rules', rule({
      conditions: { all: [
        { fact: 'ticket.mood', operator: 'equal', value: 'sad' },
        { any: [{ fact: 'ticket.priority', operator: 'contains', value: 'urgent' }, { fact: 'ticket.subject', operator: 'matches', value: '(a+)+$' }] },
        { fact: 'ticket.priority', operator: 'equal', value: 'asap' },
      ] },
      actions: [{ type: 'add_tags', tags: ['x'] }, { type: 'assign_agent', agentId: '00000000-0000-4000-8000-000000000000' }],
    }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/conditions/all/0/fact',
      '/conditions/all/1/any/0/operator',
      '/conditions/all/1/any/1/value',
      '/conditions/all/2/value',
      '/actions/1/agentId',
    ]);
  });

  it('answers a malformed rule with 400, and validates drafts with pointers under /definition', async () => {
    const malformed = await org.api.post('/rules', { name: 'x', events: ['ticket.exploded'], conditions: { all: [] }, actions: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/events/0', '/actions']));
    const draft = await org.api.post('/rules/validate', { definition: rule({ events: ['ticket.time_elapsed'] }) });
    expect(draft.status).toBe(422);
    expect(draft.body.errors).toEqual([{ pointer: '/definition/timeTrigger', message: expect.any(String) }]);
    expect((await org.api.post('/rules/validate', { definition: rule() })).body).toEqual({ valid: true });
  });

  it('is for admins: agents get 403', async () => {
    expect((await agent.api.get('/rules')).status).toBe(403);
    expect((await agent.api.post('/rules', rule())).status).toBe(403);
  });

  it('dry-runs a draft on one ticket and explains each condition, applying nothing', async () => {
    const ticket = (await agent.api.post('/tickets', newTicket({ subject: 'Refund please', priority: 'high' }))).body;
    const result = await org.api.post('/rules/test', {
      ticketNumber: ticket.number,
      definition: rule({ conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'REFUND' }, { fact: 'ticket.priority', operator: 'in', value: ['high', 'urgent'] }] }, actions: [{ type: 'set_priority', priority: 'urgent' }] }),
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({
      matched: true, event: 'ticket.created',
      conditions: { all: [{ fact: 'ticket.subject', factValue: 'Refund please', result: true }, { fact: 'ticket.priority', factValue: 'high', result: true }], result: true },
      actions: [{ kind: 'patch', priority: 'urgent' }],
    });
    expect((await agent.api.get(`/tickets/${ticket.number}`)).body.priority).toBe('high');
    const miss = await org.api.post('/rules/test', { ticketNumber: ticket.number, definition: rule({ conditions: { all: [{ fact: 'ticket.channel', operator: 'equal', value: 'email' }] } }) });
    expect(miss.body.matched).toBe(false);
    expect((await org.api.post('/rules/test', { ticketNumber: 999_999, definition: rule() })).status).toBe(404);
  });

  it('backtests a draft over recorded events: which tickets it would have touched and how', async () => {
    const other = await signupOrg(stack.url);
    const hit = (await other.api.post('/tickets', newTicket({ subject: 'Where is my refund?' }))).body;
    const miss = (await other.api.post('/tickets', newTicket({ subject: 'Login broken' }))).body;
    await other.api.post(`/tickets/${miss.number}/status`, { status: 'pending' });
    await other.api.post(`/tickets/${hit.number}/status`, { status: 'pending' });
    const created = await other.api.post('/rules/backtest', { definition: rule() });
    expect(created.body).toMatchObject({ ticketsScanned: 2, eventsReplayed: 2 });
    expect(created.body.matches).toEqual([expect.objectContaining({ ticketNumber: hit.number, event: 'ticket.created', actions: [{ kind: 'patch', tags: ['billing'] }] })]);

    const toPending = await other.api.post('/rules/backtest', { definition: rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.status', operator: 'changedTo', value: 'pending' }, { fact: 'ticket.status', operator: 'equal', value: 'pending' }] } }) });
    expect(toPending.body.matches.map((m: { ticketNumber: number }) => m.ticketNumber).sort()).toEqual([hit.number, miss.number].sort());
    // Nothing was applied.
    expect((await other.api.get(`/tickets/${hit.number}`)).body.tags).toEqual([]);
  });

  it('serves the designer catalogue: facts with types, operators that fit them, starter templates', async () => {
    const catalogue = (await org.api.get('/rules/catalogue')).body;
    expect(catalogue.facts).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'ticket.priority', type: 'enum', options: ['low', 'normal', 'high', 'urgent'] })]));
    expect(catalogue.operators.find((o: { name: string }) => o.name === 'changedTo').types).toEqual(['change']);
    expect(catalogue.templates.map((t: { id: string }) => t.id)).toEqual(['auto-assign-by-keyword', 'escalate-on-breach', 'auto-close-pending']);
    for (const template of catalogue.templates) {
      expect((await org.api.post('/rules/validate', { definition: template.definition })).status, template.id).toBe(200);
    }
  });
});
