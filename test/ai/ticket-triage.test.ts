import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import { startOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let orgA: Org;
let orgB: Org;
let app: Db;
beforeAll(async () => {
  ({ stack, org: orgA } = await startOrgStack());
  orgB = await signupOrg(stack.url);
  app = connectAsApp();
});
afterAll(async () => {
  await app?.destroy();
  await stack?.stop();
});

const triageOf = (org: Org, number: number) => eventually(() => org.api.get(`/tickets/${number}/triage`), (r) => r.status === 200).then((r) => r.body);

/** Solved tickets with a `category` field: the history an org's category model learns from. */
async function solvedHistory(org: Org, byCategory: Record<string, string[]>): Promise<void> {
  for (const [category, subjects] of Object.entries(byCategory)) {
    for (const subject of subjects) {
      const created = await org.api.post('/tickets', newTicket({ subject, description: subject, fields: { category } }));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await org.api.post(`/tickets/${created.body.number}/status`, { status: 'solved' })).status).toBe(200);
    }
  }
}

describe('triage of a new ticket', () => {
  it('triages in the creation with the shipped models, and a rule on ai.sentiment has acted by the answer', async () => {
    const rule = await orgA.api.post('/rules', {
      name: 'Upset customers', events: ['ticket.triaged'],
      conditions: { all: [{ fact: 'ai.sentiment', operator: 'equal', value: 'negative' }] },
      actions: [{ type: 'add_tags', tags: ['upset'] }],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);

    const angry = await orgA.api.post('/tickets', newTicket({ subject: 'This is terrible', description: 'The app is broken again and I am really angry. Awful service.' }));
    expect(angry.status).toBe(201);
    // The creation's write triaged it, and its triage rules ran before the creation answered.
    expect(angry.body.tags).toContain('upset');
    const triage = await triageOf(orgA, angry.body.number);
    expect(triage.predictions.sentiment).toMatchObject({ label: 'negative', abstained: false, modelVersion: null });
    expect(triage.predictions.sentiment.why).toEqual(expect.arrayContaining(['terrible']));
    expect(triage.predictions.language.label).toBe('eng');
    expect(triage.predictions.category).toBeUndefined();
    expect(triage.facts).toMatchObject({ sentiment: 'negative', language: 'eng', category: null });

    const calm = await orgA.api.post('/tickets', newTicket({ subject: 'Thanks, great work', description: 'Wonderful support, I am happy with the new feature. Thank you!' }));
    expect((await triageOf(orgA, calm.body.number)).facts.sentiment).toBe('positive');
    expect((await orgA.api.get(`/tickets/${calm.body.number}`)).body.tags).not.toContain('upset');
    await orgA.api.delete(`/rules/${rule.body.id}`);
  });
});

describe('per-org models', () => {
  it('says an org without history has not enough of it, and trains nothing', async () => {
    const fresh = await signupOrg(stack.url);
    const models = await fresh.api.get('/ai/models');
    expect(models.status).toBe(200);
    expect(models.body.tasks.map((t: { task: string }) => t.task)).toEqual(['category', 'priority', 'team']);
    for (const task of models.body.tasks) expect(task).toMatchObject({ history: { enough: false, examples: 0, needed: 20 }, current: null, previous: null });
    expect((await fresh.api.post('/ai/models/retrain')).body.tasks[0].current).toBeNull();
  });

  it('trains each org on its own labels only, versions retraining, and predicts only the org’s labels', async () => {
    await solvedHistory(orgA, {
      billing: ['refund my double charge', 'invoice shows the wrong amount', 'charged twice on my card', 'need a refund for last month', 'billing address on invoice wrong', 'payment failed but card charged', 'cancel and refund my plan', 'invoice total is too high'],
      shipping: ['parcel never arrived', 'delivery is a week late', 'tracking number not working', 'package lost by courier', 'wrong address on the parcel', 'order not delivered yet', 'courier left package outside', 'shipment stuck in customs'],
      login: ['cannot log in to my account', 'password reset link broken', 'two-factor code rejected', 'locked out after login attempts', 'sign in page shows error', 'forgot my password again', 'login loop on the website', 'account locked cannot sign in'],
    });
    await solvedHistory(orgB, {
      hardware: ['printer jams every page', 'laptop screen flickers', 'keyboard keys stuck', 'monitor shows no signal', 'printer out of toner', 'mouse stopped working', 'laptop battery swollen', 'docking station dead', 'headset has no sound', 'printer paper jam again', 'screen cracked on laptop'],
      software: ['excel crashes on start', 'outlook will not sync', 'install the vpn client', 'teams keeps freezing', 'update broke the browser', 'licence for photoshop expired', 'word cannot open file', 'antivirus blocks the app', 'excel macro error', 'vpn client disconnects', 'outlook search broken'],
    });

    const first = await orgA.api.post('/ai/models/retrain');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const category = first.body.tasks.find((t: { task: string }) => t.task === 'category');
    expect(category.history).toMatchObject({ enough: true, examples: 24 });
    expect(category.current).toMatchObject({ version: 1, labels: ['billing', 'login', 'shipping'], nTrain: 19, nTest: 5 });
    for (const metric of ['accuracy', 'macroF1', 'coverage']) expect(category.current[metric]).toBeGreaterThanOrEqual(0);
    expect(category.previous).toBeNull();
    // Every ticket so far is normal priority and in no team: not a history to learn from.
    expect(first.body.tasks.find((t: { task: string }) => t.task === 'team')).toMatchObject({ history: { enough: false }, current: null });

    const again = (await orgA.api.post('/ai/models/retrain')).body.tasks.find((t: { task: string }) => t.task === 'category');
    expect(again.current.version).toBe(2);
    expect(again.previous.version).toBe(1);
    expect(first.body.nextScheduledRun).not.toBeNull();

    expect((await orgB.api.post('/ai/models/retrain')).body.tasks[0].current).toMatchObject({ version: 1, labels: ['hardware', 'software'] });
    // Org B's ticket about a refund still gets one of B's categories: A's model is not B's.
    const refund = await orgB.api.post('/tickets', newTicket({ subject: 'refund my double charge on the invoice', description: 'charged twice' }));
    const triage = await triageOf(orgB, refund.body.number);
    expect(['hardware', 'software']).toContain(triage.predictions.category.label);
    expect(triage.predictions.category.modelVersion).toBe(1);
    const printer = await orgB.api.post('/tickets', newTicket({ subject: 'printer jams again', description: 'the printer jams on every page' }));
    const printerTriage = await triageOf(orgB, printer.body.number);
    expect(printerTriage.predictions.category.label).toBe('hardware');
    expect(printerTriage.predictions.category.why.length).toBeGreaterThan(0);

    // Under org B's row-level security, only B's models and B's predictions exist.
    const seen = await withTenant(app, { orgId: orgB.orgId }, async (trx) => ({
      labels: (await trx('ai_models').select('labels')).flatMap((row: { labels: string[] }) => row.labels),
      orgs: await trx('ticket_triage').distinct('org_id').pluck('org_id'),
    }));
    expect(new Set(seen.labels)).toEqual(new Set(['hardware', 'software']));
    expect(seen.orgs).toEqual([orgB.orgId]);
  });

  it('stores an agent’s correction as the ticket’s label for the task', async () => {
    const ticket = await orgA.api.post('/tickets', newTicket({ subject: 'my invoice is wrong', description: 'please fix the invoice amount' }));
    await triageOf(orgA, ticket.body.number);
    const corrected = await orgA.api.post(`/tickets/${ticket.body.number}/triage/labels`, { task: 'category', label: 'shipping' });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body).toMatchObject({ task: 'category', label: 'shipping' });
    const triage = (await orgA.api.get(`/tickets/${ticket.body.number}/triage`)).body;
    expect(triage.corrections).toEqual([expect.objectContaining({ task: 'category', label: 'shipping', predicted: corrected.body.predicted })]);
    expect((await orgA.api.post(`/tickets/${ticket.body.number}/triage/labels`, { task: 'priority', label: 'asap' })).status).toBe(400);
    expect((await orgA.api.post('/tickets/999999/triage/labels', { task: 'category', label: 'x' })).status).toBe(404);
  });
});
