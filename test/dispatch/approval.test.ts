import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { appDbForSuite } from '../helpers/app-db';
import { stackForSuite } from '../helpers/suite-stack';
import { DATE, at, expectStatus, planPath, proposePlan, startDispatchStack, until, type DispatchOrg } from './fixtures';

let org: DispatchOrg;
let db: Db;

stackForSuite(startDispatchStack, (started) => ({ org } = started));
appDbForSuite((opened) => (db = opened));

describe('dispatch: propose and approve', () => {
  it('proposes routes with ETAs, commits them to the work orders on approval and notifies the technicians', async () => {
    const numbers = [
      await org.workOrder('North boiler', { lat: 52.41, lng: 4.91 }),
      await org.workOrder('North AC', { lat: 52.39, lng: 4.88 }),
      await org.workOrder('South boiler', { lat: 52.29, lng: 4.92 }),
      await org.workOrder('South AC', { lat: 52.31, lng: 4.87 }),
    ];
    // A job nobody is qualified for is proposed as unassigned, with the reason.
    const plumbing = await org.workOrder('Leaking pipe', { skills: ['plumbing'] });
    const plan = await proposePlan(org.dispatcher);
    expect(plan.version).toBe(1);
    expect(plan.proposal.summary.assigned).toBe(4);
    expect(plan.proposal.unassigned).toEqual([{ workOrderNumber: plumbing, title: 'Leaking pipe', reason: 'no-qualified-technician' }]);
    const stops = plan.proposal.routes.flatMap((r: any) => r.stops.map((s: any) => ({ ...s, technicianId: r.technicianId })));
    expect(stops.map((s: any) => s.workOrderNumber).sort()).toEqual([...numbers].sort());
    for (const stop of stops) {
      expect(stop.eta >= at('08:00')).toBe(true);
      expect(stop.start >= stop.eta).toBe(true);
      expect(stop.end <= at('16:00')).toBe(true);
    }
    // Starting the same day again is the same plan.
    const again = await expectStatus(org.dispatcher.post('/dispatch/plans', { date: DATE }), 201);
    expect(again).toMatchObject({ id: plan.id, version: 1 });

    const approved = await expectStatus(org.dispatcher.post(`${planPath()}/approve`, { version: 1 }), 200);
    expect(approved).toMatchObject({ status: 'committed', committedVersion: 1, autoApproved: false });
    for (const stop of stops) {
      const wo = await expectStatus(org.dispatcher.get(`/work-orders/${stop.workOrderNumber}`), 200);
      expect(wo).toMatchObject({ status: 'scheduled', technician: { id: stop.technicianId } });
      expect(Date.parse(wo.windowStart)).toBe(Date.parse(stop.start));
      expect(Date.parse(wo.windowEnd)).toBe(Date.parse(stop.end));
    }
    const unscheduled = await expectStatus(org.dispatcher.get(`/work-orders/${plumbing}`), 200);
    expect(unscheduled.status).toBe('created');

    const notifications = await withTenant(db, { orgId: org.orgId }, (trx) => trx('notifications').whereLike('message', `Your route for ${DATE}%`).select('user_id', 'message'));
    expect(notifications.length).toBe(approved.proposal.routes.filter((r: any) => r.stops.length > 0).length);

    // Approved already: nothing awaits approval.
    const conflict = await org.dispatcher.post(`${planPath()}/approve`, {});
    expect(conflict.status).toBe(409);
    expect(conflict.body.type).toMatch(/dispatch-not-awaiting-approval$/);
  });

  it('commits the rest of the plan when a work order was cancelled after it was proposed', async () => {
    const date = '2030-12-09';
    const keep = await org.workOrder('Stays', { lat: 52.41 });
    const cancel = await org.workOrder('Called off', { lat: 52.29 });
    const started = await expectStatus(org.dispatcher.post('/dispatch/plans', { date, timeLimitSeconds: 0.5 }), 201);
    const plan = await until(() => expectStatus(org.dispatcher.get(`/dispatch/plans/${started.id}`), 200), (p) => p.status === 'proposed');
    expect(plan.proposal.summary.assigned).toBe(2);
    await expectStatus(org.dispatcher.post(`/work-orders/${cancel}/transitions`, { status: 'cancelled', reason: 'customer called' }), 200);
    const approved = await expectStatus(org.dispatcher.post(`/dispatch/plans/${started.id}/approve`, {}), 200);
    expect(approved.status).toBe('committed');
    expect((await expectStatus(org.dispatcher.get(`/work-orders/${keep}`), 200)).status).toBe('scheduled');
    expect((await expectStatus(org.dispatcher.get(`/work-orders/${cancel}`), 200)).status).toBe('cancelled');
    const committed = await withTenant(db, { orgId: org.orgId }, (trx) => trx('dispatch_plan_events').where({ plan_id: `${org.orgId}/dispatch/${date}/default`, type: 'committed' }).first('data'));
    expect(committed.data.scheduled).toEqual([keep]);
    expect(committed.data.refused).toEqual([expect.objectContaining({ workOrderNumber: cancel })]);
  });

  it('answers 404 for unknown plans, and only dispatchers may plan', async () => {
    const missing = await org.dispatcher.get('/dispatch/plans/not-a-plan');
    expect(missing.status).toBe(404);
    const otherDay = await org.dispatcher.get(`/dispatch/plans/${Buffer.from('2031-01-06/default').toString('base64url')}`);
    expect(otherDay.status).toBe(404);
    const technician = await org.technicianApi.post('/dispatch/plans', { date: DATE });
    expect(technician.status).toBe(403);
    const invalid = await org.dispatcher.post('/dispatch/plans', { date: 'tomorrow' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
