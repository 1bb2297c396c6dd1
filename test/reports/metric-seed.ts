import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { createSlaActivities } from '../../activities/sla-records';
import type { BusinessCalendar } from '../../domain/calendar/calendar';
import { end, observe, pause, startClock, type Clock } from '../../domain/sla/clock';
import type { SlaTargetKind } from '../../domain/sla/policy';

const at = (iso: string) => Date.parse(iso);
const office = [{ start: '09:00', end: '17:00' }];
/** Paris office hours, Monday to Friday. */
export const PARIS_OFFICE: BusinessCalendar = { timeZone: 'Europe/Paris', week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] }, holidays: [] };

/**
 * A small, hand-countable month for one org (November 2026, Paris), written to the read
 * model as the workflows' activities would leave it. SLA clocks go through the clock
 * workflow's own write (`recordSlaClock`), their business time from the domain's arithmetic.
 * Ticket numbers, a fresh org's: #4 is created at 00:30 on 1 November in Paris (still
 * October in UTC), #5 at 00:30 on 1 December in Paris (still November in UTC).
 */
export async function seedMetricMonth(owner: Db, app: Db, input: { orgId: string; agentId: string; technicianUserId: string; prefix: string }) {
  const { orgId, agentId, prefix } = input;
  const teamId = randomUUID();
  const companyId = randomUUID();
  const policyId = randomUUID();
  const withCompany = randomUUID();
  const without = randomUUID();
  await owner('teams').insert({ org_id: orgId, id: teamId, name: `${prefix}Alpha` });
  await owner('companies').insert({ org_id: orgId, id: companyId, name: `${prefix}Acme` });
  await owner('contacts').insert([
    { org_id: orgId, id: withCompany, email: `${randomUUID()}@acme.example`, company_id: companyId },
    { org_id: orgId, id: without, email: `${randomUUID()}@example.com` },
  ]);
  await owner('sla_policies').insert({ org_id: orgId, id: policyId, name: `${prefix}Office`, position: 0, targets: '{}', hours: 'business', pause_statuses: ['pending'], warn_at: 0.8 });

  const ticket = (number: number, created: string, fields: Record<string, unknown>) => ({
    org_id: orgId, number, subject: `#${number}`, description: '', status: 'open', priority: 'normal', channel: 'email',
    requester_id: without, tags: [], created_at: created, updated_at: created, ...fields,
  });
  await owner('tickets').insert([
    ticket(1, '2026-11-27T15:00:00Z', { team_id: teamId, assignee_id: agentId, priority: 'high', status: 'solved', solved_at: '2026-11-30T10:00:00Z', tags: ['billing', 'vip'], requester_id: withCompany }),
    ticket(2, '2026-11-02T09:00:00Z', { team_id: teamId, channel: 'web', tags: ['billing'] }),
    ticket(3, '2026-11-10T11:00:00Z', { status: 'solved', solved_at: '2026-11-10T15:00:00Z' }),
    ticket(4, '2026-10-31T23:30:00Z', { status: 'new', channel: 'phone' }),
    ticket(5, '2026-11-30T23:30:00Z', { channel: 'chat' }),
  ]);

  const event = (number: number, seq: number, type: string, created: string, actor: string | null, data: object = {}) =>
    ({ org_id: orgId, ticket_number: number, seq, type, actor_id: actor, data: JSON.stringify(data), created_at: created });
  await owner('ticket_events').insert([
    event(1, 1, 'created', '2026-11-27T15:00:00Z', null),
    event(1, 2, 'replied', '2026-11-30T09:00:00Z', agentId),
    event(1, 3, 'status_changed', '2026-11-30T10:00:00Z', agentId, { from: 'open', to: 'solved' }),
    event(2, 1, 'created', '2026-11-02T09:00:00Z', null),
    event(3, 1, 'created', '2026-11-10T11:00:00Z', null),
    event(3, 2, 'replied', '2026-11-10T12:30:00Z', agentId),
    event(3, 3, 'status_changed', '2026-11-10T13:00:00Z', agentId, { from: 'open', to: 'solved' }),
    event(3, 4, 'status_changed', '2026-11-10T14:00:00Z', agentId, { from: 'solved', to: 'open' }),
    event(3, 5, 'status_changed', '2026-11-10T15:00:00Z', agentId, { from: 'open', to: 'solved' }),
    event(4, 1, 'created', '2026-10-31T23:30:00Z', null),
    event(5, 1, 'created', '2026-11-30T23:30:00Z', null),
  ]);

  const sla = createSlaActivities(app);
  const clock = (kind: SlaTargetKind, targetSeconds: number, started: string) =>
    startClock({ kind, targetMs: targetSeconds * 1000, warnAt: 0.8, calendar: PARIS_OFFICE, at: at(started), paused: false });
  const record = (ticketNumber: number, value: Clock) => sla.recordSlaClock({ orgId, ticketNumber, cycle: 0, policyId, clock: value, version: 1 });
  // #1: opened Friday 16:00 Paris, answered Monday 10:00 (1 h + 1 h of office time across
  // the weekend), solved Monday 11:00 (1 h + 2 h).
  await record(1, end(clock('first_response', 4 * 3600, '2026-11-27T15:00:00Z'), 'met', at('2026-11-30T09:00:00Z')));
  await record(1, end(clock('resolution', 8 * 3600, '2026-11-27T15:00:00Z'), 'met', at('2026-11-30T10:00:00Z')));
  // #2: answered within half an hour; its resolution clock paused after an hour.
  await record(2, end(clock('first_response', 3600, '2026-11-02T09:00:00Z'), 'met', at('2026-11-02T09:30:00Z')));
  await record(2, pause(clock('resolution', 8 * 3600, '2026-11-02T09:00:00Z'), at('2026-11-02T10:00:00Z')));
  // #3: first response due after an hour, breached, answered after an hour and a half.
  const late = observe(clock('first_response', 3600, '2026-11-10T11:00:00Z'), at('2026-11-10T12:00:00Z')).clock;
  await record(3, end(late, 'met', at('2026-11-10T12:30:00Z')));

  const technicianId = randomUUID();
  const assetId = randomUUID();
  await owner('technicians').insert({ org_id: orgId, id: technicianId, user_id: input.technicianUserId });
  await owner('assets').insert({ org_id: orgId, id: assetId, name: 'Boiler', company_id: companyId });
  const workOrder = (number: number, created: string, fields: Record<string, unknown>) => ({
    org_id: orgId, number, title: `WO ${number}`, status: 'created', priority: 'normal', source: 'direct', created_at: created, updated_at: created, ...fields,
  });
  await owner('work_orders').insert([
    workOrder(1, '2026-11-05T08:00:00Z', { technician_id: technicianId, asset_id: assetId, status: 'signed_off', window_end: '2026-11-05T10:00:00Z', arrived_at: '2026-11-05T09:50:00Z', time_on_site_seconds: 3600, completed_at: '2026-11-05T11:00:00Z' }),
    workOrder(2, '2026-11-06T08:00:00Z', { technician_id: technicianId, status: 'completed', priority: 'high', window_end: '2026-11-06T10:00:00Z', arrived_at: '2026-11-06T10:30:00Z', time_on_site_seconds: 5400, completed_at: '2026-11-06T12:00:00Z' }),
    workOrder(3, '2026-11-07T08:00:00Z', {}),
  ]);
  await owner('work_order_reports').insert([
    { org_id: orgId, work_order_number: 1, pdf: Buffer.from('%PDF'), rating_token: randomUUID(), rating: 5, created_at: '2026-11-05T11:05:00Z' },
    { org_id: orgId, work_order_number: 2, pdf: Buffer.from('%PDF'), rating_token: randomUUID(), rating: 3, created_at: '2026-11-06T12:05:00Z' },
  ]);
  return { teamId, companyId, policyId };
}
