import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import type { BusinessCalendar } from '../domain/calendar/calendar';
import { applyPolicy, choosePolicy, dueAt, type AppliedSla, type Clock, type SlaPolicy } from '../domain/sla/index';
import type { TicketPriority } from '../domain/ticket/status';

export interface RecordSlaClockInput {
  orgId: string;
  ticketNumber: number;
  cycle: number;
  policyId: string;
  clock: Clock;
  /** Increases with every change of this clock: makes replays and retries harmless. */
  version: number;
}

interface PolicyRow {
  id: string;
  name: string;
  position: number;
  conditions: SlaPolicy['conditions'];
  targets: SlaPolicy['targets'];
  hours: SlaPolicy['hours'];
  calendar_id: string | null;
  pause_statuses: SlaPolicy['pauseStatuses'];
  warn_at: string;
}

export const toPolicy = (row: PolicyRow): SlaPolicy => ({
  id: row.id,
  name: row.name,
  position: row.position,
  conditions: row.conditions,
  targets: row.targets,
  hours: row.hours,
  calendarId: row.calendar_id,
  pauseStatuses: row.pause_statuses,
  warnAt: Number(row.warn_at),
});

/** Reads for SLA clocks and writes of their state, for the ticket and clock workflows. */
export function createSlaActivities(db: Db) {
  return {
    /** The policy that covers the ticket as it is now, with the calendar it counts on. */
    async resolveSla({ orgId, number, priority }: { orgId: string; number: number; priority?: TicketPriority }): Promise<AppliedSla | null> {
      return withTenant(db, { orgId }, async (trx) => {
        const ticket = await trx('tickets as t')
          .join('contacts as c', function () {
            this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id');
          })
          .where({ 't.org_id': orgId, 't.number': number })
          .first<{ priority: TicketPriority; channel: string; tags: string[]; team_id: string | null; company_id: string | null } | undefined>(
            't.priority', 't.channel', 't.tags', 't.team_id', 'c.company_id',
          );
        if (!ticket) return null;
        const policies = (await trx('sla_policies').where({ org_id: orgId }).orderBy('position')).map(toPolicy);
        const facts = { priority: priority ?? ticket.priority, channel: ticket.channel as never, tags: ticket.tags, teamId: ticket.team_id, companyId: ticket.company_id };
        const policy = choosePolicy(policies, facts);
        if (!policy) return null;
        const calendar = policy.calendarId
          ? await trx('calendars').where({ org_id: orgId, id: policy.calendarId }).first<{ time_zone: string; week: BusinessCalendar['week']; holidays: BusinessCalendar['holidays'] } | undefined>('time_zone', 'week', 'holidays')
          : undefined;
        return applyPolicy(policy, facts.priority, calendar ? { timeZone: calendar.time_zone, week: calendar.week, holidays: calendar.holidays } : null);
      });
    },

    async recordSlaClock(input: RecordSlaClockInput): Promise<void> {
      const { orgId, ticketNumber, cycle, clock, version } = input;
      const due = dueAt(clock);
      const row = {
        org_id: orgId,
        ticket_number: ticketNumber,
        kind: clock.kind,
        cycle,
        policy_id: input.policyId,
        state: clock.state,
        clock: JSON.stringify(clock),
        started_at: new Date(clock.startedAt),
        due_at: due === null ? null : new Date(due),
        breached_at: clock.breachedAt === null ? null : new Date(clock.breachedAt),
        version,
        updated_at: new Date(),
      };
      await withTenant(db, { orgId }, async (trx) => {
        await trx('sla_clocks')
          .insert(row)
          .onConflict(['org_id', 'ticket_number', 'kind', 'cycle'])
          .merge()
          .where('sla_clocks.version', '<', version);
      });
    },
  };
}

export type SlaActivities = ReturnType<typeof createSlaActivities>;
