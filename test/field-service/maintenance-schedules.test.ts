import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { MAX_PLANS_PER_ASSET, MAX_PLANS_PER_ORG } from '../../domain/work-order/plan-limits';
import { signupOrg, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { eventually } from '../helpers/eventually';
import { expectStatus, setUpFieldOrg, startFieldStack, type FieldOrg } from './fixtures';

let stack: TestStack;
let org: Org;
let field: FieldOrg;
let owner: Db;

beforeAll(async () => {
  ({ stack, org, field } = await startFieldStack());
  // The owner role bypasses RLS: it seeds plans in bulk to bring an org up to its caps.
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 2 } });
});
afterAll(async () => {
  await owner?.destroy();
  await stack?.stop();
});

/** Plan rows written straight to the table (no schedule behind them), as if created earlier. */
async function seedPlans(orgId: string, assetId: string, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => {
    const id = crypto.randomUUID();
    return { org_id: orgId, id, asset_id: assetId, name: `Seeded ${i}`, rrule: 'FREQ=MONTHLY', duration_minutes: 60, schedule_id: `${orgId}/pm/${id}` };
  });
  for (let at = 0; at < rows.length; at += 200) await owner('maintenance_plans').insert(rows.slice(at, at + 200));
}

const planCount = async (orgId: string): Promise<number> => Number((await owner('maintenance_plans').where({ org_id: orgId }).count({ n: '*' }).first())?.n);

describe('maintenance plans as Temporal Schedules', () => {
  it('a daily plan starts a work order for its asset on each run; pausing stops it; deleting removes the schedule', async () => {
    const d = field.dispatcher.api;
    const plan = await expectStatus(
      d.post('/maintenance-plans', {
        assetId: field.assetId, name: 'Filter check', rrule: 'FREQ=DAILY',
        checklist: ['Inspect filter', 'Log pressure'], requiredSkills: ['hvac'], durationMinutes: 30,
      }),
      201,
    );
    expect(plan).toMatchObject({ paused: false, scheduleId: `${org.orgId}/pm/${plan.id}` });
    expect(plan.nextRuns.length).toBeGreaterThan(0);
    const handle = stack.temporal.schedule.getHandle(plan.scheduleId);
    // A day is too long to wait for: take the schedule's action now, as its next run would.
    await handle.trigger();

    const listFor = () => d.get(`/work-orders?assetId=${field.assetId}`);
    const started = await eventually(listFor, (response) => response.body.data.filter((wo: { planId: string }) => wo.planId === plan.id).length >= 1);
    const fromPlan = started.body.data.filter((wo: { planId: string }) => wo.planId === plan.id);
    expect(fromPlan.length).toBeGreaterThanOrEqual(1);
    expect(fromPlan[0]).toMatchObject({
      source: 'maintenance', status: 'created', title: `Filter check: Rooftop AC unit`, durationMinutes: 30, requiredSkills: ['hvac'],
      checklist: [{ label: 'Inspect filter', done: false }, { label: 'Log pressure', done: false }],
    });

    const paused = await expectStatus(d.post(`/maintenance-plans/${plan.id}/pause`), 200);
    expect(paused.paused).toBe(true);
    const description = await handle.describe();
    expect(description.state.paused).toBe(true);
    // Every action the schedule took opened exactly one work order (a run that was in flight
    // when the pause landed still finishes).
    const actions = description.info.numActionsTaken;
    expect(actions).toBeGreaterThanOrEqual(1);
    const settled = await eventually(listFor, (response) => response.body.data.filter((wo: { planId: string }) => wo.planId === plan.id).length === actions);
    expect(settled.body.data.filter((wo: { planId: string }) => wo.planId === plan.id).length).toBe(actions);

    const history = await expectStatus(d.get(`/assets/${field.assetId}/history`), 200);
    expect(history.plans.map((entry: { id: string }) => entry.id)).toEqual([plan.id]);
    expect(history.workOrders.length).toBe(actions);

    const edited = await expectStatus(d.patch(`/maintenance-plans/${plan.id}`, { rrule: 'DTSTART:20260105T083000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9' }), 200);
    expect(edited.rrule).toContain('BYDAY=MO');
    // Fields left out of the PATCH stay as they were.
    expect(edited).toMatchObject({ checklist: ['Inspect filter', 'Log pressure'], requiredSkills: ['hvac'], durationMinutes: 30 });
    const spec = (await handle.describe()).spec;
    expect(spec.calendars?.[0]?.dayOfWeek).toEqual([{ start: 'MONDAY', end: 'MONDAY', step: 1 }]);

    expect((await d.delete(`/maintenance-plans/${plan.id}`)).status).toBe(204);
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await d.get(`/maintenance-plans/${plan.id}`)).status).toBe(404);

    // Every change is in the audit log, by the dispatcher who made it.
    const audit = await owner('audit_log').where({ org_id: org.orgId, entity_type: 'maintenance_plan', entity_id: plan.id }).orderBy('id').select('action', 'actor_id');
    expect(audit).toEqual(['created', 'paused', 'updated', 'deleted'].map((verb) => ({ action: `maintenance_plan.${verb}`, actor_id: field.dispatcher.id })));
  });

  it('refuses an RRULE a schedule cannot express, and technicians cannot create plans', async () => {
    const bad = await field.dispatcher.api.post('/maintenance-plans', { assetId: field.assetId, name: 'Odd', rrule: 'FREQ=MONTHLY;BYDAY=2MO' });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toMatch(/unsupported-rrule$/);
    expect((await field.technician.api.post('/maintenance-plans', { assetId: field.assetId, name: 'x', rrule: 'FREQ=DAILY' })).status).toBe(403);
  });

  it('refuses a plan that would run more than once a day, on creation and on edit, and writes nothing', async () => {
    const d = field.dispatcher.api;
    const before = await planCount(org.orgId);
    for (const rrule of ['FREQ=SECONDLY', 'FREQ=SECONDLY;INTERVAL=2', 'FREQ=MINUTELY', 'FREQ=HOURLY', 'FREQ=HOURLY;INTERVAL=12', 'FREQ=DAILY;BYHOUR=9,17', 'FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0,30']) {
      const refused = await d.post('/maintenance-plans', { assetId: field.assetId, name: 'Too often', rrule });
      expect(refused.status, rrule).toBe(422);
      expect(refused.headers.get('content-type'), rrule).toMatch(/application\/problem\+json/);
      expect(refused.body, rrule).toMatchObject({ type: expect.stringMatching(/rrule-too-frequent$/), title: 'The plan would run more than once a day', errors: [{ pointer: '/rrule' }] });
      expect(refused.body.detail, rrule).toMatch(/at most once a day/);
    }
    expect(await planCount(org.orgId)).toBe(before);

    const weekdays = await expectStatus(d.post('/maintenance-plans', { assetId: field.assetId, name: 'Weekday walk-round', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7' }), 201);
    const edit = await d.patch(`/maintenance-plans/${weekdays.id}`, { rrule: 'FREQ=MINUTELY' });
    expect(edit.status).toBe(422);
    expect(edit.body.type).toMatch(/rrule-too-frequent$/);
    const kept = await expectStatus(d.get(`/maintenance-plans/${weekdays.id}`), 200);
    expect(kept.rrule).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7');
    expect((await stack.temporal.schedule.getHandle(weekdays.scheduleId).describe()).spec.calendars?.[0]?.hour).toEqual([{ start: 7, end: 7, step: 1 }]);
    expect((await d.delete(`/maintenance-plans/${weekdays.id}`)).status).toBe(204);
  });

  it('caps the plans of an asset and of an org, also under concurrent creations', async () => {
    const capped = await signupOrg(stack.url);
    const site = await setUpFieldOrg(capped, 'capped-site@example.com');
    const d = site.dispatcher.api;
    const create = (assetId: string, name: string) => d.post('/maintenance-plans', { assetId, name, rrule: 'FREQ=MONTHLY;BYMONTHDAY=1' });

    // Three places left on the asset, five asked for at once: exactly three are created.
    await seedPlans(capped.orgId, site.assetId, MAX_PLANS_PER_ASSET - 3);
    const racing = await Promise.all(Array.from({ length: 5 }, (_, i) => create(site.assetId, `Racing ${i}`)));
    expect(racing.map((response) => response.status).sort()).toEqual([201, 201, 201, 422, 422]);
    const full = racing.find((response) => response.status === 422)!;
    expect(full.body).toMatchObject({ type: expect.stringMatching(/too-many-plans$/), limit: MAX_PLANS_PER_ASSET, errors: [{ pointer: '/assetId' }] });
    expect(await planCount(capped.orgId)).toBe(MAX_PLANS_PER_ASSET);

    // The org's cap counts every asset's plans.
    const other = await expectStatus(d.post('/assets', { name: 'Boiler' }), 201);
    await seedPlans(capped.orgId, site.assetId, MAX_PLANS_PER_ORG - MAX_PLANS_PER_ASSET - 1);
    const last = await expectStatus(create(other.id, 'The last one'), 201);
    const over = await create(other.id, 'One too many');
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ type: expect.stringMatching(/too-many-plans$/), limit: MAX_PLANS_PER_ORG });
    expect(over.body.detail).toMatch(new RegExp(`at most ${MAX_PLANS_PER_ORG} maintenance plans`));
    expect(await planCount(capped.orgId)).toBe(MAX_PLANS_PER_ORG);

    // Deleting a plan makes room again; other orgs were never limited by this one.
    expect((await d.delete(`/maintenance-plans/${last.id}`)).status).toBe(204);
    await expectStatus(create(other.id, 'In its place'), 201);
    await expectStatus(field.dispatcher.api.post('/maintenance-plans', { assetId: field.assetId, name: 'Unaffected', rrule: 'FREQ=YEARLY' }), 201);
  });
});
