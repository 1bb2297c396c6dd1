import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { planIdOf } from '../../domain/dispatch/index';
import { appDbForSuite } from '../helpers/app-db';
import { stackForSuite } from '../helpers/suite-stack';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { DATE, expectStatus, setUpDispatchOrg, until } from './fixtures';

let stack: TestStack;
let db: Db;

stackForSuite(async () => ({ stack: await startTestStack() }), (started) => ({ stack } = started));
appDbForSuite((opened) => (db = opened));

describe('dispatch: nobody answers', () => {
  it('auto-approves after the timeout when the policy says so, and the work orders get their schedule', async () => {
    const org = await setUpDispatchOrg(stack.url);
    const numbers = [await org.workOrder('Filter swap', { lat: 52.38 }), await org.workOrder('Thermostat', { lat: 52.33 })];
    const started = await expectStatus(
      org.dispatcher.post('/dispatch/plans', { date: DATE, region: 'west', timeLimitSeconds: 0.5, approvalTimeoutSeconds: 2, timeoutPolicy: 'auto_approve' }),
      201,
    );
    expect(started.id).toBe(planIdOf(DATE, 'west'));
    const plan = await until(() => expectStatus(org.dispatcher.get(`/dispatch/plans/${started.id}`), 200), (p) => p.status === 'committed');
    expect(plan).toMatchObject({ autoApproved: true, approvedBy: null, committedVersion: 1 });
    for (const number of numbers) {
      const wo = await expectStatus(org.dispatcher.get(`/work-orders/${number}`), 200);
      expect(wo.status).toBe('scheduled');
      expect(wo.technician).not.toBeNull();
    }
    const events = await withTenant(db, { orgId: org.orgId }, (trx) => trx('dispatch_plan_events').orderBy('created_at').pluck('type'));
    expect(events).toEqual(['proposed', 'auto_approved', 'committed']);
  });

  it('escalates after the timeout under the notify policy and keeps waiting for the dispatcher', async () => {
    const org = await setUpDispatchOrg(stack.url);
    const number = await org.workOrder('Noisy fan');
    const started = await expectStatus(
      org.dispatcher.post('/dispatch/plans', { date: DATE, timeLimitSeconds: 0.5, approvalTimeoutSeconds: 1, timeoutPolicy: 'notify' }),
      201,
    );
    const escalated = await until(() => expectStatus(org.dispatcher.get(`/dispatch/plans/${started.id}`), 200), (p) => p.escalated === true);
    expect(escalated.status).toBe('proposed');
    const row = await withTenant(db, { orgId: org.orgId }, (trx) => trx('dispatch_plans').first('status', 'escalated_at'));
    expect(row.escalated_at).not.toBeNull();
    // The escalation is sent, not only recorded: the dispatcher's notification centre has it (once).
    const inbox = await until(() => expectStatus(org.dispatcher.get('/notifications'), 200), (page) => page.data.length > 0);
    expect(inbox.data).toEqual([expect.objectContaining({ kind: 'dispatch', message: `The dispatch plan for ${DATE} has waited for 1 second without approval: review and approve it on the dispatch board.` })]);
    expect((await expectStatus(org.dispatcher.get('/notifications/unread-count'), 200)).count).toBe(1);
    // A technician, who does not approve plans, is not told.
    expect((await expectStatus(org.technicianApi.get('/notifications'), 200)).data).toEqual([]);
    // The dispatcher rejects it later (a new proposal is made) and approves that one.
    const replanned = await expectStatus(org.dispatcher.post(`/dispatch/plans/${started.id}/reject`, { reason: 'try again' }), 200);
    expect(replanned).toMatchObject({ status: 'proposed', version: 2, trigger: 'rejected', escalated: false });
    const approved = await expectStatus(org.dispatcher.post(`/dispatch/plans/${started.id}/approve`, { version: 2 }), 200);
    expect(approved.status).toBe('committed');
    expect((await expectStatus(org.dispatcher.get(`/work-orders/${number}`), 200)).status).toBe('scheduled');
  });
});
