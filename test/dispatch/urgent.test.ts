import { describe, expect, it } from 'vitest';
import { stackForSuite } from '../helpers/suite-stack';
import { expectStatus, planPath, proposePlan, routeOf, startDispatchStack, until, type DispatchOrg } from './fixtures';

let org: DispatchOrg;

stackForSuite(startDispatchStack, (started) => ({ org } = started));

describe('dispatch: urgent work during the day', () => {
  it('re-plans incrementally, keeping the locked job with its technician and the started job where it is', async () => {
    const north = [await org.workOrder('North one', { lat: 52.41 }), await org.workOrder('North two', { lat: 52.42 })];
    const south = [await org.workOrder('South one', { lat: 52.29 }), await org.workOrder('South two', { lat: 52.31 })];
    const plan = await proposePlan(org.dispatcher);
    // The dispatcher locks a north job to the south technician: re-plans must keep it there.
    const locked = north[0]!;
    const approved = await expectStatus(
      org.dispatcher.post(`${planPath()}/approve`, { version: plan.version, edits: [{ kind: 'lock', workOrderNumber: locked, technicianId: org.south }] }),
      200,
    );
    expect(approved.status).toBe('committed');
    expect(routeOf({ proposal: approved.committed }, org.south)).toContain(locked);

    // The south technician's first job is under way.
    const southFirst = routeOf({ proposal: approved.committed }, org.south)[0]!;
    await expectStatus(org.dispatcher.post(`/work-orders/${southFirst}/transitions`, { status: 'dispatched' }), 200);

    const urgent = await org.workOrder('Burst pipe', { lat: 52.4, priority: 'urgent' });
    await expectStatus(org.dispatcher.post(`${planPath()}/urgent`, { workOrderNumber: urgent }), 202);
    const replan = await until(() => expectStatus(org.dispatcher.get(planPath()), 200), (p) => p.version === 2 && p.status === 'proposed');
    expect(replan.trigger).toBe('urgent');
    const southRoute = routeOf(replan, org.south);
    expect(southRoute).toContain(locked);
    expect(southRoute[0]).toBe(southFirst);
    const stops = replan.proposal.routes.flatMap((r: any) => r.stops);
    expect(stops.find((s: any) => s.workOrderNumber === southFirst).started).toBe(true);
    expect(stops.find((s: any) => s.workOrderNumber === locked).locked).toBe(true);
    expect(stops.map((s: any) => s.workOrderNumber)).toContain(urgent);
    expect(replan.changes).toEqual(expect.arrayContaining([expect.objectContaining({ workOrderNumber: urgent, kind: 'added' })]));
    expect(replan.changes.find((c: any) => c.workOrderNumber === locked).to.technicianId).toBe(org.south);

    const committed = await expectStatus(org.dispatcher.post(`${planPath()}/approve`, { version: 2 }), 200);
    expect(committed).toMatchObject({ status: 'committed', committedVersion: 2 });
    expect((await expectStatus(org.dispatcher.get(`/work-orders/${urgent}`), 200)).status).toBe('scheduled');
    expect(await expectStatus(org.dispatcher.get(`/work-orders/${locked}`), 200)).toMatchObject({ technician: { id: org.south } });
    expect(await expectStatus(org.dispatcher.get(`/work-orders/${southFirst}`), 200)).toMatchObject({ status: 'dispatched', technician: { id: org.south } });
    for (const number of [...south, north[1]!]) expect((await expectStatus(org.dispatcher.get(`/work-orders/${number}`), 200)).status).toMatch(/^(scheduled|dispatched)$/);

    // At the next approval the dispatcher unassigns a committed job: its work order gives up
    // the technician and window the earlier commit gave it, back to unscheduled.
    const released = north[1]!;
    const leak = await org.workOrder('Leaking valve', { lat: 52.36, priority: 'urgent' });
    await expectStatus(org.dispatcher.post(`${planPath()}/urgent`, { workOrderNumber: leak }), 202);
    await until(() => expectStatus(org.dispatcher.get(planPath()), 200), (p) => p.version === 3 && p.status === 'proposed');
    const third = await expectStatus(org.dispatcher.post(`${planPath()}/approve`, { version: 3, edits: [{ kind: 'unassign', workOrderNumber: released }] }), 200);
    expect(third).toMatchObject({ status: 'committed', committedVersion: 3 });
    expect(third.committed.unassigned.map((u: { workOrderNumber: number }) => u.workOrderNumber)).toContain(released);
    expect(await expectStatus(org.dispatcher.get(`/work-orders/${released}`), 200)).toMatchObject({ status: 'created', technician: null, windowStart: null, windowEnd: null });
    const timeline = (await expectStatus(org.dispatcher.get(`/work-orders/${released}/timeline`), 200)).data.map((event: { type: string }) => event.type);
    expect(timeline.filter((type: string) => type === 'unscheduled')).toHaveLength(1);
    // The job under way stays where it is.
    expect(await expectStatus(org.dispatcher.get(`/work-orders/${southFirst}`), 200)).toMatchObject({ status: 'dispatched', technician: { id: org.south } });
  });
});
