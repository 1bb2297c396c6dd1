import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { eventually, expectStatus, setUpFieldOrg, type FieldOrg } from './fixtures';

let stack: TestStack;
let org: Org;
let field: FieldOrg;

beforeAll(async () => {
  stack = await startTestStack();
  org = await signupOrg(stack.url);
  field = await setUpFieldOrg(org);
});
afterAll(async () => { await stack?.stop(); });

describe('maintenance plans as Temporal Schedules', () => {
  it('a plan every 2 s starts work orders for its asset; pausing stops it; deleting removes the schedule', async () => {
    const d = field.dispatcher.api;
    const plan = await expectStatus(
      d.post('/maintenance-plans', {
        assetId: field.assetId, name: 'Filter check', rrule: 'FREQ=SECONDLY;INTERVAL=2',
        checklist: ['Inspect filter', 'Log pressure'], requiredSkills: ['hvac'], durationMinutes: 30,
      }),
      201,
    );
    expect(plan).toMatchObject({ paused: false, scheduleId: `${org.orgId}/pm/${plan.id}` });
    expect(plan.nextRuns.length).toBeGreaterThan(0);

    const listFor = () => d.get(`/work-orders?assetId=${field.assetId}`);
    const started = await eventually(listFor, (response) => response.body.data.filter((wo: { planId: string }) => wo.planId === plan.id).length >= 2);
    const fromPlan = started.body.data.filter((wo: { planId: string }) => wo.planId === plan.id);
    expect(fromPlan.length).toBeGreaterThanOrEqual(2);
    expect(fromPlan[0]).toMatchObject({
      source: 'maintenance', status: 'created', title: `Filter check: Rooftop AC unit`, durationMinutes: 30, requiredSkills: ['hvac'],
      checklist: [{ label: 'Inspect filter', done: false }, { label: 'Log pressure', done: false }],
    });

    const paused = await expectStatus(d.post(`/maintenance-plans/${plan.id}/pause`), 200);
    expect(paused.paused).toBe(true);
    const handle = stack.temporal.schedule.getHandle(plan.scheduleId);
    const description = await handle.describe();
    expect(description.state.paused).toBe(true);
    // Every action the schedule took opened exactly one work order (a run that was in flight
    // when the pause landed still finishes).
    const actions = description.info.numActionsTaken;
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
  });

  it('refuses an RRULE a schedule cannot express, and technicians cannot create plans', async () => {
    const bad = await field.dispatcher.api.post('/maintenance-plans', { assetId: field.assetId, name: 'Odd', rrule: 'FREQ=MONTHLY;BYDAY=2MO' });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toMatch(/unsupported-rrule$/);
    expect((await field.technician.api.post('/maintenance-plans', { assetId: field.assetId, name: 'x', rrule: 'FREQ=DAILY' })).status).toBe(403);
  });
});
