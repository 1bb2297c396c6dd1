import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopChild } from '../../bin/lib/temporal-dev-server';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { createSlaActivities } from '../../activities/sla-records';
import { startClock } from '../../domain/sla/clock';
import { ALWAYS_OPEN } from '../../domain/calendar/calendar';
import { ticketMessages } from '../../workflows/ticket-messages';
import { taskQueueFor } from '../../workflows/task-queues';
import { addMember, newTicket, signupOrg, type ApiClient, type Org } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { startWorkerProcess } from '../helpers/worker-process';

// Targets are seconds long: durations are data, so clocks run for real on the dev server.
const timelineOf = async (api: ApiClient, number: number) => (await api.get(`/tickets/${number}/timeline?limit=200`)).body.data as { type: string; data: Record<string, unknown> }[];
const clocksOf = async (api: ApiClient, number: number) => (await api.get(`/tickets/${number}/sla`)).body.data as Record<string, any>[];
const findClock = (clocks: Record<string, any>[], target: string) => clocks.find((c) => c.target === target);
function clock(clocks: Record<string, any>[], target: string): Record<string, any> {
  const found = findClock(clocks, target);
  if (!found) throw new Error(`no ${target} clock in ${JSON.stringify(clocks)}`);
  return found;
}

async function orgWithPolicy(url: string, targets: Record<string, Record<string, number>>, extra: Record<string, unknown> = {}) {
  const org = await signupOrg(url);
  const agent = await addMember(org, 'agent');
  const policy = await org.api.post('/sla-policies', { name: 'Seconds', targets, warnAt: 0.5, ...extra });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  return { org, agent };
}

describe('SLA clocks', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startTestStack(); });
  afterAll(async () => { await stack?.stop(); });

  it('a public agent reply meets the first-response clock; resolution keeps running', async () => {
    const { agent } = await orgWithPolicy(stack.url, { normal: { first_response: 3, resolution: 3600 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    await eventually(() => clocksOf(agent.api, number), (clocks) => clocks.length === 2);
    await agent.api.post(`/tickets/${number}/replies`, { body: 'Hello!', visibility: 'public' });
    const clocks = await eventually(() => clocksOf(agent.api, number), (c) => findClock(c, 'first_response')?.state === 'met');
    expect(clock(clocks, 'first_response')).toMatchObject({ state: 'met', targetSeconds: 3, breachedAt: null });
    expect(clock(clocks, 'resolution')).toMatchObject({ state: 'running', targetSeconds: 3600 });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect((await timelineOf(agent.api, number)).some((event) => event.type === 'sla_breached')).toBe(false);
  });

  it('an answered outbound call the agent logs meets the first-response clock; a call nobody picked up does not', async () => {
    const { agent } = await orgWithPolicy(stack.url, { normal: { first_response: 600, resolution: 3600 }, high: { first_response: 500, resolution: 3600 } });
    const number = (await agent.api.post('/tickets', newTicket({ channel: 'phone' }))).body.number;
    await eventually(() => clocksOf(agent.api, number), (clocks) => clocks.length === 2);
    const missed = await agent.api.post(`/tickets/${number}/calls`, { direction: 'outbound', phoneNumber: '+1 555 0100', durationSeconds: 0, notes: 'No answer' });
    expect(missed.status).toBe(200);
    // The clock takes its commands in order: once the re-target shows, a missed call's end would have too.
    await agent.api.patch(`/tickets/${number}`, { priority: 'high' });
    const retargeted = await eventually(() => clocksOf(agent.api, number), (c) => findClock(c, 'first_response')?.targetSeconds === 500 || findClock(c, 'first_response')?.state === 'met');
    expect(clock(retargeted, 'first_response')).toMatchObject({ state: 'running', targetSeconds: 500 });
    await agent.api.post(`/tickets/${number}/calls`, { direction: 'outbound', phoneNumber: '+1 555 0100', durationSeconds: 240, notes: 'Walked them through the reset' });
    const clocks = await eventually(() => clocksOf(agent.api, number), (c) => findClock(c, 'first_response')?.state === 'met');
    expect(clock(clocks, 'first_response')).toMatchObject({ state: 'met', breachedAt: null });
    expect(clock(clocks, 'resolution')).toMatchObject({ state: 'running' });
  });

  it('warns, then breaches once, records both on the timeline, and keeps counting overdue', async () => {
    const { agent } = await orgWithPolicy(stack.url, { normal: { first_response: 2 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    const timeline = await eventually(() => timelineOf(agent.api, number), (events) => events.some((e) => e.type === 'sla_breached'));
    expect(timeline.filter((e) => e.type === 'sla_warning')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    expect(timeline.find((e) => e.type === 'sla_breached')?.data.target).toBe('first_response');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await timelineOf(agent.api, number)).filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    const overdue = clock(await clocksOf(agent.api, number), 'first_response');
    expect(overdue.state).toBe('breached');
    expect(overdue.remainingSeconds).toBeLessThan(0);
    const breached = (await agent.api.get('/tickets?sla=breached')).body.data.map((t: { number: number }) => t.number);
    expect(breached).toContain(number);
  });

  it('pauses while pending and resumes when the ticket opens again', async () => {
    const { agent } = await orgWithPolicy(stack.url, { normal: { resolution: 4 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    await eventually(() => clocksOf(agent.api, number), (clocks) => clocks.length === 1);
    await agent.api.post(`/tickets/${number}/status`, { status: 'pending' });
    const paused = await eventually(() => clocksOf(agent.api, number), (c) => findClock(c, 'resolution')?.state === 'paused');
    expect(clock(paused, 'resolution').state).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const stillPaused = clock(await clocksOf(agent.api, number), 'resolution');
    expect(stillPaused.state).toBe('paused');
    expect(stillPaused.elapsedBusinessSeconds).toBeLessThan(4);
    expect((await timelineOf(agent.api, number)).some((e) => e.type === 'sla_breached')).toBe(false);

    await agent.api.post(`/tickets/${number}/status`, { status: 'open' });
    const after = await eventually(() => timelineOf(agent.api, number), (events) => events.some((e) => e.type === 'sla_breached'));
    const statusIndex = after.findIndex((e) => e.type === 'status_changed' && e.data.to === 'open');
    expect(after.findIndex((e) => e.type === 'sla_breached')).toBeGreaterThan(statusIndex);
  });

  it('a raised priority applies its shorter target to the time already spent', async () => {
    const { agent } = await orgWithPolicy(stack.url, { normal: { first_response: 600 }, urgent: { first_response: 2 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    await eventually(() => clocksOf(agent.api, number), (clocks) => clocks.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await timelineOf(agent.api, number)).some((e) => e.type === 'sla_breached')).toBe(false);
    await agent.api.patch(`/tickets/${number}`, { priority: 'urgent' });
    // More than 2 s were already spent: the new target is breached at once.
    const timeline = await eventually(() => timelineOf(agent.api, number), (events) => events.some((e) => e.type === 'sla_breached'), 10_000);
    expect(timeline.some((e) => e.type === 'sla_breached')).toBe(true);
    expect(clock(await clocksOf(agent.api, number), 'first_response')).toMatchObject({ targetSeconds: 2, state: 'breached' });
  });

  it('a customer message starts the next-response clock, which the next agent reply meets', async () => {
    const { org, agent } = await orgWithPolicy(stack.url, { normal: { next_response: 600 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).signal(ticketMessages.customerMessage, { body: 'Any news?' });
    const running = await eventually(() => clocksOf(agent.api, number), (c) => findClock(c, 'next_response')?.state === 'running');
    expect(clock(running, 'next_response')).toBeTruthy();
    await agent.api.post(`/tickets/${number}/replies`, { body: 'Yes: fixed.', visibility: 'public' });
    await eventually(() => clocksOf(agent.api, number), (c) => findClock(c, 'next_response')?.state === 'met');
    expect(clock(await clocksOf(agent.api, number), 'next_response').state).toBe('met');
    expect((await timelineOf(agent.api, number)).some((e) => e.type === 'customer_replied')).toBe(true);
  });

  it('runs all of a ticket\'s targets in one clock workflow on the sla queue, which records breaches without waking the ticket', async () => {
    const { org, agent } = await orgWithPolicy(stack.url, { normal: { first_response: 2, resolution: 3600 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    const timeline = await eventually(() => timelineOf(agent.api, number), (events) => events.some((e) => e.type === 'sla_breached'));
    expect(timeline.filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    expect(timeline.findIndex((e) => e.type === 'sla_warning')).toBeGreaterThan(timeline.findIndex((e) => e.type === 'created'));
    const ticketId = ticketWorkflowId(org.orgId, number);
    const clockRun = await stack.temporal.workflow.getHandle(`${ticketId}/sla/clock/1`).describe();
    expect(clockRun.taskQueue).toBe(taskQueueFor(stack.taskQueue, 'sla'));
    expect(clockRun.type).toBe('ticketSlaClockWorkflow');
    await expect(stack.temporal.workflow.getHandle(`${ticketId}/sla/first_response/1`).describe()).rejects.toThrow();
    const history = await stack.temporal.workflow.getHandle(ticketId).fetchHistory();
    const slaSignals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'sla.event');
    expect(slaSignals).toHaveLength(0);
  });

  it('with a rule listening to SLA breaches, the clock tells the ticket, which records the breach once and runs the rule', async () => {
    const { org, agent } = await orgWithPolicy(stack.url, { normal: { first_response: 2 } });
    const rule = await org.api.post('/rules', { name: 'Escalate', events: ['sla.breached'], conditions: { all: [] }, actions: [{ type: 'add_tags', tags: ['late'] }] });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    const tagged = await eventually(() => agent.api.get(`/tickets/${number}`), (r) => r.body.tags.includes('late'));
    expect(tagged.body.tags).toContain('late');
    const timeline = await timelineOf(agent.api, number);
    expect(timeline.filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'sla_warning')).toHaveLength(1);
    const history = await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, number)).fetchHistory();
    expect((history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'sla.event')).toHaveLength(2);
  });

  it('a clock write retried after it committed writes its timeline entry once and answers the same', async () => {
    const { org, agent } = await orgWithPolicy(stack.url, { urgent: { first_response: 600 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    const activities = createSlaActivities(stack.db);
    const started = startClock({ kind: 'first_response', targetMs: 1_000, warnAt: 0.5, calendar: { ...ALWAYS_OPEN, timeZone: 'UTC' }, at: Date.now() - 2_000, paused: false });
    const breachedAt = new Date(started.startedAt + 1_000).toISOString();
    const input = {
      orgId: org.orgId, ticketNumber: number, version: 1,
      targets: [{ cycle: 1, policyId: randomUUID(), clock: { ...started, warnedAt: started.startedAt + 500, breachedAt: started.startedAt + 1_000 } }],
      events: [{ type: 'breached' as const, target: 'first_response' as const, cycle: 1, at: breachedAt }],
    };
    expect(await activities.recordTicketSlaClocks(input)).toEqual({ notifyTicket: false });
    expect(await activities.recordTicketSlaClocks(input)).toEqual({ notifyTicket: false });
    const breaches = (await timelineOf(agent.api, number)).filter((e) => e.type === 'sla_breached');
    expect(breaches).toEqual([expect.objectContaining({ data: { target: 'first_response', breachedAt } })]);
    expect(clock(await clocksOf(agent.api, number), 'first_response').breachedAt).toBe(breachedAt);
  });

  it('lists tickets due within a window', async () => {
    const { agent } = await orgWithPolicy(stack.url, { normal: { resolution: 3_600 } });
    const number = (await agent.api.post('/tickets', newTicket())).body.number;
    await eventually(() => clocksOf(agent.api, number), (clocks) => clocks.length === 1);
    const numbers = async (q: string) => (await agent.api.get(`/tickets?sla=${q}`)).body.data.map((t: { number: number }) => t.number);
    expect(await numbers('due_within:7200')).toContain(number);
    expect(await numbers('due_within:60')).not.toContain(number);
    expect((await agent.api.get('/tickets?sla=soon')).status).toBe(400);
  });
});

describe('SLA clocks when the worker dies', () => {
  let stack: TestStack;
  let worker: ChildProcess | null = null;
  const taskQueue = `sla-durability-${randomUUID()}`;
  let org: Org;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false, taskQueue });
    worker = await startWorkerProcess(taskQueue);
  });
  afterAll(async () => {
    if (worker) await stopChild(worker, 2_000);
    await stack?.stop();
  });

  it('a breach still fires, once, at its deadline after the worker is killed and replaced', async () => {
    ({ org } = await orgWithPolicy(stack.url, { normal: { first_response: 12 } }));
    const number = (await org.api.post('/tickets', newTicket())).body.number;
    const started = await eventually(() => clocksOf(org.api, number), (clocks) => clocks.length === 1);
    const dueAt = clock(started, 'first_response').dueAt as string;

    worker?.kill('SIGKILL');
    worker = await startWorkerProcess(taskQueue);

    const timeline = await eventually(() => timelineOf(org.api, number), (events) => events.some((e) => e.type === 'sla_breached'), 60_000);
    expect(timeline.filter((e) => e.type === 'sla_breached')).toHaveLength(1);
    const breached = clock(await clocksOf(org.api, number), 'first_response');
    expect(breached.breachedAt).toBe(dueAt);
  }, 120_000);
});

describe('calendars and policies API', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await startTestStack({ worker: false }); });
  afterAll(async () => { await stack?.stop(); });

  it('validates calendars with pointers, and refuses to delete one a policy uses', async () => {
    const org = await signupOrg(stack.url);
    const bad = await org.api.post('/calendars', { name: 'Bad', timeZone: 'Mars/Olympus', week: { mon: [{ start: '9am', end: '17:00' }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/timeZone', '/week/mon/0/start']);
    const calendar = await org.api.post('/calendars', {
      name: 'Berlin office', timeZone: 'Europe/Berlin',
      week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
      holidays: [{ date: '2026-12-25', yearly: true }],
    });
    expect(calendar.status).toBe(201);
    expect((await org.api.get(`/calendars/${calendar.body.id}`)).body.timeZone).toBe('Europe/Berlin');
    const needsCalendar = await org.api.post('/sla-policies', { name: 'Biz', hours: 'business', targets: { normal: { first_response: 3600 } } });
    expect(needsCalendar.status).toBe(400);
    expect(needsCalendar.body.errors[0].pointer).toBe('/calendarId');
    const policy = await org.api.post('/sla-policies', { name: 'Biz', hours: 'business', calendarId: calendar.body.id, targets: { normal: { first_response: 3600 } } });
    expect(policy.status).toBe(201);
    expect((await org.api.delete(`/calendars/${calendar.body.id}`)).status).toBe(409);
    const agent = await addMember(org, 'agent');
    expect((await agent.api.post('/sla-policies', { name: 'X', targets: {} })).status).toBe(403);
    const other = await signupOrg(stack.url);
    expect((await other.api.get(`/calendars/${calendar.body.id}`)).status).toBe(404);
    expect((await other.api.get('/sla-policies')).body.data).toEqual([]);
  });
});
