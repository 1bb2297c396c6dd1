import { describe, expect, it } from 'vitest';
import { stackForSuite } from '../helpers/suite-stack';
import { at, expectStatus, planPath, proposePlan, routeOf, startDispatchStack, type DispatchOrg } from './fixtures';

let org: DispatchOrg;

stackForSuite(startDispatchStack, (started) => ({ org } = started));

describe('dispatch: edit then approve', () => {
  it('reports a move that breaks a time window, refuses malformed edits, and commits a valid move', async () => {
    // Early bird must be visited 08:00–09:00; the other jobs any time.
    const early = await org.workOrder('Early bird', { lat: 52.41, lng: 4.9 });
    await expectStatus(org.dispatcher.request('PUT', `/dispatch/work-orders/${early}/windows`, { windows: [{ start: at('08:00'), end: at('09:00') }] }), 204);
    const north = [await org.workOrder('North one', { lat: 52.42, lng: 4.91 }), await org.workOrder('North two', { lat: 52.39, lng: 4.89 })];
    const south = [await org.workOrder('South one', { lat: 52.29, lng: 4.91 }), await org.workOrder('South two', { lat: 52.31, lng: 4.88 })];
    const plan = await proposePlan(org.dispatcher);
    expect(plan.proposal.summary.assigned).toBe(5);
    const earlyStop = plan.proposal.routes.flatMap((r: any) => r.stops).find((s: any) => s.workOrderNumber === early);
    expect(earlyStop.start >= at('08:00') && earlyStop.start <= at('09:00')).toBe(true);

    // Behind every other job of the busiest route, Early bird misses its window.
    const busiest = [org.north, org.south].sort((a, b) => routeOf(plan, b).filter((n) => n !== early).length - routeOf(plan, a).filter((n) => n !== early).length)[0]!;
    const position = routeOf(plan, busiest).filter((n) => n !== early).length;
    expect(position).toBeGreaterThanOrEqual(1);
    const lateMove = { kind: 'move', workOrderNumber: early, technicianId: busiest, position };
    const checked = await expectStatus(org.dispatcher.post(`${planPath()}/check`, { edits: [lateMove] }), 200);
    expect(checked.violations).toEqual([expect.objectContaining({ workOrderNumber: early, kind: 'time-window' })]);
    expect(checked.proposal.routes.find((r: any) => r.technicianId === busiest).stops[position].workOrderNumber).toBe(early);
    const late = await org.dispatcher.post(`${planPath()}/approve`, { version: 1, edits: [{ kind: 'move', workOrderNumber: early, technicianId: busiest, position }] });
    expect(late.status, JSON.stringify(late.body)).toBe(422);
    expect(late.headers.get('content-type')).toMatch(/problem\+json/);
    expect(late.body.type).toMatch(/dispatch-violations$/);
    expect(late.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ workOrderNumber: early, technicianId: busiest, kind: 'time-window' })]));

    // Malformed edits never reach the workflow's history: unknown work order, position past the end.
    const unknown = await org.dispatcher.post(`${planPath()}/approve`, { edits: [{ kind: 'unassign', workOrderNumber: 99_999 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toMatch(/dispatch-invalid-edits$/);
    const far = await org.dispatcher.post(`${planPath()}/approve`, { edits: [{ kind: 'move', workOrderNumber: north[0], technicianId: org.south, position: 50 }] });
    expect(far.status).toBe(422);
    const stale = await org.dispatcher.post(`${planPath()}/approve`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/dispatch-stale-proposal$/);

    // Still awaiting approval: a valid move (a south job to the north technician, last) and a lock are committed.
    const moved = south[0]!;
    const locked = north[1]!;
    const approved = await expectStatus(
      org.dispatcher.post(`${planPath()}/approve`, {
        version: 1,
        edits: [
          { kind: 'move', workOrderNumber: moved, technicianId: org.north },
          { kind: 'lock', workOrderNumber: locked, technicianId: org.south },
        ],
      }),
      200,
    );
    expect(approved.status).toBe('committed');
    expect(approved.locks).toEqual({ [String(locked)]: org.south });
    const northRoute = approved.committed.routes.find((r: any) => r.technicianId === org.north).stops;
    expect(northRoute[northRoute.length - 1].workOrderNumber).toBe(moved);
    const movedOrder = await expectStatus(org.dispatcher.get(`/work-orders/${moved}`), 200);
    expect(movedOrder).toMatchObject({ status: 'scheduled', technician: { id: org.north } });
    expect(Date.parse(movedOrder.windowStart)).toBe(Date.parse(northRoute[northRoute.length - 1].start));
    const lockedOrder = await expectStatus(org.dispatcher.get(`/work-orders/${locked}`), 200);
    expect(lockedOrder).toMatchObject({ status: 'scheduled', technician: { id: org.south } });
  });
});
