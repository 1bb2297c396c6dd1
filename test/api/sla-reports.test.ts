import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, signupOrg } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('SLA compliance report and policy preview', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startTestStack(); });
  afterAll(async () => { await stack?.stop(); });

  it('counts met, breached and open clocks by target, priority, team and policy', async () => {
    const org = await signupOrg(stack.url);
    const agent = await addMember(org, 'agent');
    const team = (await org.api.post('/teams', { name: 'Escalations', memberIds: [agent.id] })).body;
    const policy = (await org.api.post('/sla-policies', {
      name: 'Seconds', warnAt: 0.5,
      targets: { normal: { first_response: 2, resolution: 3600 }, urgent: { first_response: 600 } },
    })).body;

    const met = (await agent.api.post('/tickets', newTicket())).body.number;
    const late = (await agent.api.post('/tickets', newTicket())).body.number;
    const urgent = (await agent.api.post('/tickets', newTicket({ priority: 'urgent' }))).body.number;
    await agent.api.post(`/tickets/${urgent}/assign`, { teamId: team.id });
    await eventually(() => agent.api.get(`/tickets/${met}/sla`), (r) => r.body.data.length === 2);
    await agent.api.post(`/tickets/${met}/replies`, { body: 'On it.', visibility: 'public' });
    await eventually(() => agent.api.get(`/tickets/${late}/timeline?limit=200`), (r) => r.body.data.some((e: { type: string }) => e.type === 'sla_breached'));
    await eventually(() => agent.api.get(`/tickets/${met}/sla`), (r) => r.body.data.some((c: { state: string }) => c.state === 'met'));

    const report = await agent.api.get(`/reports/sla?from=${day(-1)}&to=${day(1)}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const { totals, byTarget, byPriority, byTeam, byPolicy, daily } = report.body;
    expect(totals).toEqual({ met: 1, breached: 1, open: 3, compliance: 0.5 });
    expect(byTarget).toEqual([
      { key: 'first_response', label: 'first_response', met: 1, breached: 1, open: 1, compliance: 0.5 },
      { key: 'resolution', label: 'resolution', met: 0, breached: 0, open: 2, compliance: null },
    ]);
    expect(byPriority.map((row: { key: string; open: number }) => [row.key, row.open])).toEqual([['urgent', 1], ['normal', 2]]);
    expect(byTeam).toContainEqual({ key: team.id, label: 'Escalations', met: 0, breached: 0, open: 1, compliance: null });
    expect(byTeam).toContainEqual({ key: null, label: 'No team', met: 1, breached: 1, open: 2, compliance: 0.5 });
    expect(byPolicy).toEqual([{ key: policy.id, label: 'Seconds', met: 1, breached: 1, open: 3, compliance: 0.5 }]);
    expect(daily.reduce((sum: number, row: { met: number; breached: number; open: number }) => sum + row.met + row.breached + row.open, 0)).toBe(5);

    const earlier = await agent.api.get(`/reports/sla?from=${day(-10)}&to=${day(-5)}`);
    expect(earlier.body.totals).toEqual({ met: 0, breached: 0, open: 0, compliance: null });
    const other = await signupOrg(stack.url);
    expect((await other.api.get(`/reports/sla?from=${day(-1)}&to=${day(1)}`)).body.totals.open).toBe(0);
  });

  it('refuses a backwards range or an unknown time zone with a pointer', async () => {
    const org = await signupOrg(stack.url);
    const backwards = await org.api.get(`/reports/sla?from=${day(1)}&to=${day(-1)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].pointer).toBe('/to');
    const zone = await org.api.get(`/reports/sla?from=${day(-1)}&to=${day(1)}&timeZone=Mars/Base`);
    expect(zone.status).toBe(400);
    expect(zone.body.errors[0].pointer).toBe('/timeZone');
    expect((await (await addMember(org, 'customer')).api.get(`/reports/sla?from=${day(-1)}&to=${day(1)}`)).status).toBe(403);
  });

  it('previews when a ticket opened on a Friday afternoon is due on office hours', async () => {
    const org = await signupOrg(stack.url);
    const hours = [{ start: '09:00', end: '17:00' }];
    const calendar = (await org.api.post('/calendars', { name: 'Paris', timeZone: 'Europe/Paris', week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } })).body;
    const policy = { name: 'Office', hours: 'business', calendarId: calendar.id, conditions: { priorities: ['high'] }, targets: { high: { first_response: 7200 } } };
    const preview = await org.api.post('/sla-policies/preview', { policy, ticket: { priority: 'high' }, openedAt: '2026-11-27T16:00:00+01:00' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toEqual({ matches: true, openedAt: '2026-11-27T15:00:00.000Z', targets: [{ target: 'first_response', seconds: 7200, dueAt: '2026-11-30T09:00:00.000Z' }] });
    const low = await org.api.post('/sla-policies/preview', { policy, ticket: { priority: 'low' } });
    expect(low.body.matches).toBe(false);
    const unknown = await org.api.post('/sla-policies/preview', { policy: { ...policy, calendarId: '00000000-0000-4000-8000-000000000000' }, ticket: { priority: 'high' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe('/policy/calendarId');
  });
});
