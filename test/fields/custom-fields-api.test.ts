import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { FieldDefinition, TicketForm } from '../../db/models';
import { withTenant } from '../../db/tenant';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { createTicketRecordActivities } from '../../activities/ticket-records';
import { addMember, newTicket, signupOrg, type Member, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let app: Db;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp();
});
afterAll(async () => {
  await app?.destroy();
  await owner?.destroy();
  await stack?.stop();
});

const auditOf = (org: Org, entityType: string, id: string) =>
  owner('audit_log').where({ org_id: org.orgId, entity_type: entityType, entity_id: id }).orderBy('id').select('action', 'actor_id', 'data');

describe('custom field definitions', () => {
  let org: Org;
  let admin: Member;
  let agent: Member;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    [admin, agent] = [await addMember(org, 'admin'), await addMember(org, 'agent')];
  });

  it('an admin defines, changes and archives a field; its key and type never change; each change is audited', async () => {
    const created = await admin.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], requiredOnSolve: false, condition: null, position: 0, archived: false });
    const id = created.body.id as string;

    const changed = await admin.api.patch(`/fields/${id}`, { label: 'Plan tier', options: ['free', 'pro', 'enterprise'], requiredOnSolve: true });
    expect(changed.body).toMatchObject({ key: 'plan', label: 'Plan tier', options: ['free', 'pro', 'enterprise'], requiredOnSolve: true });
    // key and type are not part of an update: sending them is refused by the schema (nothing else to change).
    expect((await admin.api.patch(`/fields/${id}`, { key: 'tier' })).status).toBe(400);
    expect((await admin.api.post('/fields', { key: 'plan', label: 'Again', type: 'text' })).body.type).toMatch(/field-key-taken$/);
    expect((await admin.api.patch(`/fields/${id}`, { archived: true })).body.archived).toBe(true);

    // Agents read the definitions (to show a ticket's fields) but do not change them.
    expect((await agent.api.get('/fields')).body.data.map((field: { key: string }) => field.key)).toEqual(['plan']);
    expect((await agent.api.post('/fields', { key: 'other', label: 'Other', type: 'text' })).status).toBe(403);

    expect((await auditOf(org, 'field', id)).map((line) => [line.action, line.actor_id])).toEqual([
      ['field.created', admin.id], ['field.updated', admin.id], ['field.updated', admin.id],
    ]);
    expect((await auditOf(org, 'field', id))[1]!.data).toMatchObject({ key: 'plan', label: { from: 'Plan', to: 'Plan tier' }, requiredOnSolve: { from: false, to: true } });
  });

  it('refuses definitions that do not hold together, naming the part', async () => {
    const noOptions = await admin.api.post('/fields', { key: 'colour', label: 'Colour', type: 'select' });
    expect(noOptions.status).toBe(422);
    expect(noOptions.body.errors).toEqual([{ pointer: '/options', message: 'A select or multi-select needs at least one option.' }]);
    const badKey = await admin.api.post('/fields', { key: 'Bad Key', label: 'x', type: 'text' });
    expect(badKey.status).toBe(400);
    const badCondition = await admin.api.post('/fields', { key: 'reason', label: 'Reason', type: 'text', condition: { fieldKey: 'nope', equals: 'x' } });
    expect(badCondition.status).toBe(422);
    expect(badCondition.body.errors[0].pointer).toBe('/condition/fieldKey');
  });

  it('a ticket form names defined fields only; one form is the default', async () => {
    await admin.api.post('/fields', { key: 'os', label: 'Operating system', type: 'text' });
    const unknown = await admin.api.post('/ticket-forms', { name: 'Bug', fieldKeys: ['os', 'nope'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ pointer: '/fieldKeys/1', message: 'There is no field “nope”.' }]);
    const bug = (await admin.api.post('/ticket-forms', { name: 'Bug', fieldKeys: ['os'], isDefault: true })).body;
    const billing = (await admin.api.post('/ticket-forms', { name: 'Billing', fieldKeys: ['plan'], isDefault: true })).body;
    const forms = (await agent.api.get('/ticket-forms')).body.data as { id: string; isDefault: boolean }[];
    expect(forms.map((form) => [form.id, form.isDefault])).toEqual([[billing.id, true], [bug.id, false]]);
    expect((await admin.api.delete(`/ticket-forms/${bug.id}`)).status).toBe(204);
    expect((await auditOf(org, 'ticket_form', bug.id)).map((line) => line.action)).toEqual(['ticket_form.created', 'ticket_form.deleted']);
  });
});

describe('custom fields are tenant rows', () => {
  it("a query that forgets its org filter sees none of another org's fields or forms", async () => {
    const [mine, theirs] = [await signupOrg(stack.url), await signupOrg(stack.url)];
    await theirs.api.post('/fields', { key: 'secret', label: 'Secret', type: 'text' });
    await theirs.api.post('/ticket-forms', { name: 'Theirs', fieldKeys: ['secret'] });
    await mine.api.post('/fields', { key: 'mine', label: 'Mine', type: 'text' });
    const seen = await withTenant(app, { orgId: mine.orgId }, async (trx) => ({
      fields: (await FieldDefinition.query(trx)).map((row) => row.key),
      forms: (await TicketForm.query(trx)).map((row) => row.name),
    }));
    expect(seen).toEqual({ fields: ['mine'], forms: [] });
    // Nor can the other org's field be changed by id.
    const theirField = (await theirs.api.get('/fields')).body.data[0].id as string;
    expect((await mine.api.patch(`/fields/${theirField}`, { label: 'Mine now' })).status).toBe(404);
  });
});

describe('custom field values on tickets', () => {
  let org: Org;
  let agent: Member;
  let companyId: string;
  beforeAll(async () => {
    org = await signupOrg(stack.url);
    agent = await addMember(org, 'agent');
    companyId = randomUUID();
    await owner('companies').insert({ org_id: org.orgId, id: companyId, name: 'Acme' });
    const define = (body: object) => org.api.post('/fields', body);
    await define({ key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], requiredOnSolve: true });
    await define({ key: 'modules', label: 'Modules', type: 'multi_select', options: ['mail', 'chat', 'voice'] });
    await define({ key: 'seats', label: 'Seats', type: 'number' });
    await define({ key: 'renewal', label: 'Renewal', type: 'date' });
    await define({ key: 'vip', label: 'VIP', type: 'checkbox' });
    await define({ key: 'owner_id', label: 'Account owner', type: 'user' });
    await define({ key: 'company', label: 'Company', type: 'company' });
    // Shown (and so required) only for pro customers.
    await define({ key: 'contract', label: 'Contract number', type: 'text', requiredOnSolve: true, condition: { fieldKey: 'plan', equals: 'pro' } });
  });

  it('typed values are set by PATCH and refused with a 422 naming each field that does not fit', async () => {
    const number = (await agent.api.post('/tickets', newTicket())).body.number as number;
    const good = await agent.api.patch(`/tickets/${number}`, {
      fields: { plan: 'free', modules: ['mail', 'chat'], seats: 12, renewal: '2027-02-28', vip: true, owner_id: agent.id, company: companyId, legacy: 'ad hoc' },
    });
    expect(good.status).toBe(200);
    expect(good.body.fields).toEqual({ plan: 'free', modules: ['mail', 'chat'], seats: 12, renewal: '2027-02-28', vip: true, owner_id: agent.id, company: companyId, legacy: 'ad hoc' });

    const bad = await agent.api.patch(`/tickets/${number}`, {
      fields: { plan: 'gold', modules: ['fax'], seats: 'many', renewal: '2027-02-30', vip: 'yes', owner_id: randomUUID(), company: randomUUID() },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.type).toMatch(/invalid-field-value$/);
    expect(bad.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/fields/plan', '/fields/modules', '/fields/seats', '/fields/renewal', '/fields/vip', '/fields/owner_id', '/fields/company',
    ]);
    expect(bad.body.errors[0].message).toBe('“Plan” has no option “gold” (it has “free”, “pro”).');
    // Nothing of a refused change was written.
    expect((await agent.api.get(`/tickets/${number}`)).body.fields.plan).toBe('free');

    const onCreate = await agent.api.post('/tickets', newTicket({ fields: { seats: 'ten' } }));
    expect(onCreate.status).toBe(422);
    expect(onCreate.body.errors).toEqual([{ pointer: '/fields/seats', message: '“Seats” takes a number.' }]);
  });

  it('macros and bulk changes go through the same check', async () => {
    const number = (await agent.api.post('/tickets', newTicket())).body.number as number;
    const macro = (await org.api.post('/macros', { name: 'Gold plan', actions: [{ type: 'set_field', key: 'plan', value: 'gold' }] })).body;
    const applied = await agent.api.post(`/tickets/${number}/macros/${macro.id}/apply`, {});
    expect(applied.status).toBe(422);
    expect(applied.body.errors[0].pointer).toBe('/fields/plan');

    const bulk = await agent.api.post('/tickets/bulk', { numbers: [number], action: { type: 'set_fields', fields: { seats: 'lots' } } });
    expect(bulk.body.data[0]).toMatchObject({ number, ok: false, problem: { status: 422, errors: [{ pointer: '/fields/seats' }] } });
    const bulkOk = await agent.api.post('/tickets/bulk', { numbers: [number], action: { type: 'set_fields', fields: { seats: 3 } } });
    expect(bulkOk.body.data[0]).toMatchObject({ ok: true, ticket: { fields: { seats: 3 } } });
  });

  it('a solve is refused while a shown required field is empty, naming it, and accepted once it is filled', async () => {
    const number = (await agent.api.post('/tickets', newTicket())).body.number as number;
    const refused = await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: expect.stringMatching(/required-fields-missing$/), fields: ['plan'], detail: `Ticket #${number} cannot be solved while “Plan” is empty.` });

    // A pro plan shows the contract number, which is required too.
    await agent.api.patch(`/tickets/${number}`, { fields: { plan: 'pro' } });
    const stillRefused = await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
    expect(stillRefused.body.fields).toEqual(['contract']);
    // On a free plan the contract field is hidden, so not required.
    await agent.api.patch(`/tickets/${number}`, { fields: { plan: 'free' } });
    const solved = await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
    expect(solved.status).toBe(200);
    expect(solved.body.status).toBe('solved');
  });

  it('the ticket workflow refuses the solve itself: a command that never passed the API is refused too', async () => {
    const number = (await agent.api.post('/tickets', newTicket())).body.number as number;
    const handle = stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number));
    const refusal = await handle.executeUpdate(ticketMessages.setStatus, { args: [{ actorId: agent.id, status: 'solved' }] }).then(() => null, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('RequiredFieldsMissing');
    expect(cause.details).toEqual([{ missingFields: [{ key: 'plan', label: 'Plan' }] }]);
    expect((await agent.api.get(`/tickets/${number}`)).body.status).toBe('new');
  });

  it('emptying a required field and solving at once: one order wins, and no solve lands with the field empty', async () => {
    const numbers = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => (await agent.api.post('/tickets', newTicket({ fields: { plan: 'free' } }))).body.number as number));
    const outcomes = await Promise.all(numbers.map(async (number) => {
      const [emptied, solve] = await Promise.all([
        agent.api.patch(`/tickets/${number}`, { fields: { plan: null } }),
        agent.api.post(`/tickets/${number}/status`, { status: 'solved' }),
      ]);
      return { number, emptied, solve };
    }));
    for (const { number, emptied, solve } of outcomes) {
      // The field is emptied either way: on the open ticket, or on the solved one after its solve.
      expect(emptied.status).toBe(200);
      const timeline = (await agent.api.get(`/tickets/${number}/timeline?limit=50`)).body.data as { type: string; data: Record<string, any> }[];
      const solvedAt = timeline.findIndex((event) => event.type === 'status_changed' && event.data.to === 'solved');
      const emptiedAt = timeline.findIndex((event) => event.type === 'fields_changed' && 'plan' in event.data.changes);
      if (solve.status === 200) {
        expect(solvedAt).toBeGreaterThanOrEqual(0);
        expect(emptiedAt).toBeGreaterThan(solvedAt);
      } else {
        expect(solve.status).toBe(422);
        expect(solve.body).toMatchObject({ type: expect.stringMatching(/required-fields-missing$/), fields: ['plan'] });
        expect(solvedAt).toBe(-1);
      }
    }
  });

  it("a ticket's chosen form decides which required fields count", async () => {
    const form = (await org.api.post('/ticket-forms', { name: 'Hardware', fieldKeys: ['seats', 'vip'] })).body;
    const number = (await agent.api.post('/tickets', newTicket())).body.number as number;
    expect((await agent.api.get(`/tickets/${number}/form`)).body).toEqual({ formId: null, effectiveFormId: null });
    const chosen = await agent.api.request('PUT', `/tickets/${number}/form`, { formId: form.id });
    expect(chosen.body).toEqual({ formId: form.id, effectiveFormId: form.id });
    expect((await auditOf(org, 'ticket', String(number))).filter((line) => line.action === 'ticket.form_chosen').map((line) => [line.actor_id, line.data]))
      .toEqual([[agent.id, { from: null, to: form.id }]]);
    // The Hardware form does not show the plan: the ticket solves without one.
    expect((await agent.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);
    expect((await agent.api.request('PUT', `/tickets/${number}/form`, { formId: randomUUID() })).status).toBe(422);
  });

  it('the queue filters by a field value, a multi-select by one of its options', async () => {
    const a = (await agent.api.post('/tickets', newTicket({ fields: { plan: 'pro', modules: ['voice'] } }))).body.number;
    const b = (await agent.api.post('/tickets', newTicket({ fields: { plan: 'free', modules: ['voice', 'chat'] } }))).body.number;
    const numbers = async (filter: string) => ((await agent.api.get(`/tickets?field=${encodeURIComponent(filter)}`)).body.data as { number: number }[]).map((t) => t.number);
    expect(await numbers('plan:pro')).toContain(a);
    expect(await numbers('plan:pro')).not.toContain(b);
    expect(await numbers('modules:chat')).toContain(b);
    expect(await numbers('modules:chat')).not.toContain(a);
    expect((await agent.api.get('/tickets?field=nonsense')).status).toBe(400);
  });
});

describe("the solve's write checks required fields", () => {
  it('a solve retried after it committed answers as it did, even if a field became required meanwhile', async () => {
    const org = await signupOrg(stack.url);
    const number = (await org.api.post('/tickets', newTicket())).body.number as number;
    expect((await org.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);
    const state = await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).query(ticketMessages.state);
    await org.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], requiredOnSolve: true });
    const { recordTicketChange } = createTicketRecordActivities(stack.db);
    const solve = { orgId: org.orgId, number, actorId: null, events: [{ type: 'status_changed' as const, data: { from: 'new' as const, to: 'solved' as const } }], state, occurredAt: new Date().toISOString() };
    // The retry of the committed solve (a worker died before the workflow heard) is not refused.
    await expect(recordTicketChange({ ...solve, seq: state.version })).resolves.toMatchObject({ ticket: { status: 'solved' } });
    // A solve not yet written is.
    const refused = await recordTicketChange({ ...solve, seq: state.version + 1 }).then(() => null, (error: unknown) => error as ApplicationFailure);
    expect(refused).toMatchObject({ type: 'RequiredFieldsMissing', nonRetryable: true, details: [{ missingFields: [{ key: 'plan', label: 'Plan' }] }] });
    expect((await org.api.get(`/tickets/${number}`)).body.version).toBe(state.version);
  });
});

describe('custom fields in rules', () => {
  it("the designer's catalogue offers each field by its label and type, and a rule on ticket.fields.<key> fires", async () => {
    const org = await signupOrg(stack.url);
    await org.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'] });
    await org.api.post('/fields', { key: 'modules', label: 'Modules', type: 'multi_select', options: ['mail', 'voice'] });
    const facts = (await org.api.get('/rules/catalogue')).body.facts as { path: string; label: string; type: string; options?: string[] }[];
    expect(facts.find((fact) => fact.path === 'ticket.fields.plan')).toEqual({ path: 'ticket.fields.plan', label: 'Plan', type: 'enum', options: ['free', 'pro'], group: 'Ticket' });
    expect(facts.find((fact) => fact.path === 'ticket.fields.modules')).toMatchObject({ type: 'tags', options: ['mail', 'voice'] });
    expect(facts.find((fact) => fact.path === 'change.fields.plan')).toMatchObject({ type: 'change', of: 'enum' });
    expect(facts.some((fact) => fact.path === 'ticket.fields.*')).toBe(true);

    const rule = await org.api.post('/rules', {
      name: 'Pro voice customers', events: ['ticket.created'],
      conditions: { all: [{ fact: 'ticket.fields.plan', operator: 'equal', value: 'pro' }, { fact: 'ticket.fields.modules', operator: 'contains', value: 'voice' }] },
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const pro = await org.api.post('/tickets', newTicket({ fields: { plan: 'pro', modules: ['mail', 'voice'] } }));
    const free = await org.api.post('/tickets', newTicket({ fields: { plan: 'free', modules: ['voice'] } }));
    // Creation rules have acted by the time the creation answers.
    expect(pro.body.priority).toBe('high');
    expect(free.body.priority).toBe('normal');
  });

  it('a rule that solves a ticket with a required field empty skips the solve and says why on the timeline', async () => {
    const org = await signupOrg(stack.url);
    await org.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], requiredOnSolve: true });
    const rule = await org.api.post('/rules', {
      name: 'Solve when high', events: ['ticket.updated'],
      conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] },
      actions: [{ type: 'set_status', status: 'solved' }],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const number = (await org.api.post('/tickets', newTicket())).body.number as number;
    // The rules of a change have run by the time its command answers.
    const raised = await org.api.patch(`/tickets/${number}`, { priority: 'high' });
    expect(raised.status).toBe(200);
    const timeline = async () => (await org.api.get(`/tickets/${number}/timeline?limit=50`)).body.data as { type: string; data: Record<string, unknown> }[];
    const refused = (await eventually(timeline, (events) => events.some((event) => event.type === 'rule_action_refused'))).find((event) => event.type === 'rule_action_refused');
    expect(refused?.data).toEqual({
      ruleId: rule.body.id, ruleName: 'Solve when high', action: 'setStatus', reason: `Ticket #${number} cannot be solved while “Plan” is empty.`, fields: ['plan'],
    });
    expect((await org.api.get(`/tickets/${number}`)).body.status).not.toBe('solved');

    // Filled, the same rule solves the ticket.
    await org.api.patch(`/tickets/${number}`, { fields: { plan: 'free' }, priority: 'normal' });
    await org.api.patch(`/tickets/${number}`, { priority: 'high' });
    await eventually(() => org.api.get(`/tickets/${number}`), (ticket) => ticket.body.status === 'solved');
  });
});

describe('custom fields in SLA policies', () => {
  it("a policy whose conditions name a field's value covers the tickets created with it", async () => {
    const org = await signupOrg(stack.url);
    await org.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'enterprise'] });
    const enterprise = await org.api.post('/sla-policies', {
      name: 'Enterprise', position: 0, conditions: { fields: [{ key: 'plan', equals: 'enterprise' }] }, targets: { normal: { first_response: 600 } },
    });
    expect(enterprise.status, JSON.stringify(enterprise.body)).toBe(201);
    await org.api.post('/sla-policies', { name: 'Everyone', position: 1, targets: { normal: { first_response: 86_400 } } });
    const target = async (fields: Record<string, string>) => {
      const number = (await org.api.post('/tickets', newTicket({ fields }))).body.number;
      // The clocks start just after the creation's write.
      const clocks = await eventually(() => org.api.get(`/tickets/${number}/sla`), (answer) => answer.body.data.length > 0);
      return (clocks.body.data as { target: string; targetSeconds: number }[]).find((clock) => clock.target === 'first_response')?.targetSeconds;
    };
    expect(await target({ plan: 'enterprise' })).toBe(600);
    expect(await target({ plan: 'free' })).toBe(86_400);
  });
});
