import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { toPolicy } from '../db/sla-policies';
import { withTenant } from '../db/tenant';
import type { BusinessCalendar } from '../domain/calendar/calendar';
import { applyPolicy, choosePolicy, dueAt, type AppliedSla, type Clock } from '../domain/sla/index';
import type { SlaEventReached, TargetClock } from '../domain/sla/ticket-clocks';
import type { TicketPriority } from '../domain/ticket/status';
import type { CustomFieldValue } from '../domain/ticket/state';
import { createSlaRuleListeners } from './sla-rule-listeners';
import { TICKET_TIMELINE, insertTimelineEvents } from './timeline-events';
import { appendTicketEvents } from './ticket-change-log';
import { appendEvents } from '../db/event-log';
import { storeTicketNotifications, type NotificationStoreOptions } from '../db/notifications';
import { slaClocksEvent } from '../domain/realtime/sla-events';
import type { TicketEvent, TicketStatus } from '../domain/ticket/index';

export interface RecordSlaClockInput {
  orgId: string;
  ticketNumber: number;
  cycle: number;
  policyId: string;
  clock: Clock;
  /** Increases with every change of this clock: makes replays and retries harmless. */
  version: number;
}

export interface RecordTicketSlaClocksInput {
  orgId: string;
  ticketNumber: number;
  /** Increases with every write of this ticket's clock workflow: makes replays and retries harmless. */
  version: number;
  /** The targets that changed. */
  targets: TargetClock[];
  /** Shares reached in this change, for the ticket's timeline. */
  events: SlaEventReached[];
}

/**
 * Parts at and above this number of a timeline sequence are the SLA clock's own entries:
 * written after the ticket's change of that sequence, never colliding with its parts.
 */
export const SLA_TIMELINE_PART_BASE = 1000;

/**
 * The policy that covers the ticket as it is now, with the calendar it counts on, read in the
 * caller's transaction (the ticket's creation resolves it in the write that creates the row).
 */
export async function resolveSlaIn(trx: Knex.Transaction, orgId: string, number: number, priority?: TicketPriority): Promise<AppliedSla | null> {
  const ticket = await trx('tickets as t')
    .join('contacts as c', function () {
      this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id');
    })
    .where({ 't.org_id': orgId, 't.number': number })
    .first<{ priority: TicketPriority; channel: string; tags: string[]; team_id: string | null; company_id: string | null; fields: Record<string, CustomFieldValue> } | undefined>(
      't.priority', 't.channel', 't.tags', 't.team_id', 'c.company_id', 't.fields',
    );
  if (!ticket) return null;
  const policies = (await trx('sla_policies').where({ org_id: orgId }).orderBy('position')).map(toPolicy);
  const facts = { priority: priority ?? ticket.priority, channel: ticket.channel as never, tags: ticket.tags, teamId: ticket.team_id, companyId: ticket.company_id, fields: ticket.fields };
  const policy = choosePolicy(policies, facts);
  if (!policy) return null;
  const calendar = policy.calendarId
    ? await trx('calendars').where({ org_id: orgId, id: policy.calendarId }).first<{ time_zone: string; week: BusinessCalendar['week']; holidays: BusinessCalendar['holidays'] } | undefined>('time_zone', 'week', 'holidays')
    : undefined;
  return applyPolicy(policy, facts.priority, calendar ? { timeZone: calendar.time_zone, week: calendar.week, holidays: calendar.holidays } : null);
}

/** Reads for SLA clocks and writes of their state, for the ticket and clock workflows. */
export function createSlaActivities(db: Db, notifications: NotificationStoreOptions = {}) {
  const slaRulesListen = createSlaRuleListeners();
  return {
    /** The policy that covers the ticket as it is now, with the calendar it counts on. */
    async resolveSla({ orgId, number, priority }: { orgId: string; number: number; priority?: TicketPriority }): Promise<AppliedSla | null> {
      return withTenant(db, { orgId }, (trx) => resolveSlaIn(trx, orgId, number, priority));
    },

    async recordSlaClock(input: RecordSlaClockInput): Promise<void> {
      const { orgId, ticketNumber, cycle, clock, version } = input;
      await withTenant(db, { orgId }, async (trx) => {
        const written = await upsertClockRows(trx, [clockRow(orgId, ticketNumber, { cycle, policyId: input.policyId, clock }, version)]);
        if (written > 0) await appendEvents(trx, orgId, [slaClocksEvent(ticketNumber, [{ cycle, clock }], new Date().toISOString())]);
      });
    },

    /**
     * One state change of a ticket's clock workflow in one transaction: its rows, and — unless
     * the org has rules listening to SLA events, when the ticket must record and act on them —
     * the `sla_warning` / `sla_breached` timeline entries the ticket used to write. Says whether
     * to tell the ticket. Retried or replayed, it writes nothing twice and answers the same.
     */
    async recordTicketSlaClocks(input: RecordTicketSlaClocksInput): Promise<{ notifyTicket: boolean }> {
      const { orgId, ticketNumber, version, events } = input;
      return withTenant(db, { orgId }, async (trx) => {
        const written = await upsertClockRows(trx, input.targets.map((target) => clockRow(orgId, ticketNumber, target, version)));
        // Written by an earlier attempt: its timeline entries are there exactly when it did not notify.
        if (written === 0) return { notifyTicket: events.length > 0 && !(await slaEntryExists(trx, orgId, ticketNumber, events[0]!)) };
        const notifyTicket = events.length > 0 && (await slaRulesListen(trx, orgId));
        if (events.length > 0 && !notifyTicket) await insertSlaTimelineEntries(trx, orgId, ticketNumber, events, notifications);
        // Last in the transaction (see db/event-log.ts): badges redraw from it.
        if (input.targets.length > 0) await appendEvents(trx, orgId, [slaClocksEvent(ticketNumber, input.targets, new Date().toISOString())]);
        return { notifyTicket };
      });
    },
  };
}

export type SlaActivities = ReturnType<typeof createSlaActivities>;

function clockRow(orgId: string, ticketNumber: number, target: Pick<TargetClock, 'cycle' | 'policyId' | 'clock'>, version: number) {
  const { clock } = target;
  const due = dueAt(clock);
  return {
    org_id: orgId,
    ticket_number: ticketNumber,
    kind: clock.kind,
    cycle: target.cycle,
    policy_id: target.policyId,
    state: clock.state,
    clock: JSON.stringify(clock),
    started_at: new Date(clock.startedAt),
    due_at: due === null ? null : new Date(due),
    breached_at: clock.breachedAt === null ? null : new Date(clock.breachedAt),
    version,
    updated_at: new Date(),
  };
}

/** Upserts clock rows, each only over an older version; returns how many were written. */
async function upsertClockRows(trx: Knex.Transaction, rows: ReturnType<typeof clockRow>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await trx('sla_clocks')
    .insert(rows)
    .onConflict(['org_id', 'ticket_number', 'kind', 'cycle'])
    .merge()
    .where('sla_clocks.version', '<', rows[0]!.version)
    .returning('kind');
  return written.length;
}

const entryOf = (event: SlaEventReached): Extract<TicketEvent, { type: 'sla_warning' | 'sla_breached' }> =>
  event.type === 'warning'
    ? { type: 'sla_warning', data: { target: event.target, dueAt: event.dueAt } }
    : { type: 'sla_breached', data: { target: event.target, breachedAt: event.at } };

/**
 * The entries go after the ticket's latest change (its row's version is that change's
 * sequence), from SLA_TIMELINE_PART_BASE on, so the timeline keeps its order.
 */
async function insertSlaTimelineEntries(trx: Knex.Transaction, orgId: string, ticketNumber: number, events: SlaEventReached[], notifications: NotificationStoreOptions): Promise<void> {
  const ticket = await trx('tickets')
    .where({ org_id: orgId, number: ticketNumber })
    .first<{ version: number; subject: string; status: TicketStatus; priority: TicketPriority; assignee_id: string | null; team_id: string | null } | undefined>(
      'version', 'subject', 'status', 'priority', 'assignee_id', 'team_id',
    );
  if (!ticket) return;
  const last = await trx('ticket_events')
    .where({ org_id: orgId, ticket_number: ticketNumber, seq: ticket.version })
    .andWhere('part', '>=', SLA_TIMELINE_PART_BASE)
    .max<{ part: number | null }>('part as part')
    .first();
  const from = (last?.part ?? SLA_TIMELINE_PART_BASE - 1) + 1;
  const entries = events.map(entryOf);
  // insertTimelineEvents numbers parts from 0: shift them into the clock's range.
  const entry = { orgId, number: ticketNumber, seq: ticket.version, actorId: null, occurredAt: new Date().toISOString() };
  await insertTimelineEvents(trx, TICKET_TIMELINE, entry, entries, from);
  const state = { status: ticket.status, priority: ticket.priority, assigneeId: ticket.assignee_id, teamId: ticket.team_id };
  // The warning tells the assignee (keyed by the warning, so the ticket's own record of it would not tell them again).
  const notified = await storeTicketNotifications(trx, orgId, { number: ticketNumber, seq: ticket.version, subject: ticket.subject, actorId: null, assigneeId: ticket.assignee_id, events: entries }, entry.occurredAt, notifications);
  await appendTicketEvents(trx, orgId, [{ ...entry, events: entries, state }], notified);
}

async function slaEntryExists(trx: Knex.Transaction, orgId: string, ticketNumber: number, event: SlaEventReached): Promise<boolean> {
  const { type, data } = entryOf(event);
  const row = await trx('ticket_events')
    .where({ org_id: orgId, ticket_number: ticketNumber, type })
    .andWhere('part', '>=', SLA_TIMELINE_PART_BASE)
    .whereRaw('data @> ?::jsonb', [JSON.stringify(data)])
    .first('seq');
  return row !== undefined;
}
