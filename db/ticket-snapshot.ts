import type { Knex } from 'knex';
import { isBusinessTime } from '../domain/calendar/business-time';
import { ALWAYS_OPEN, type BusinessCalendar } from '../domain/calendar/calendar';
import { NO_AI_FACTS, type AiFacts } from '../domain/ai/triage';
import type { TicketSnapshot } from '../domain/rules/facts';
import type { TicketState } from '../domain/ticket/state';
import { tenantJoin } from './tenant-join';

interface SnapshotRow {
  description: string;
  created_at: Date;
  email: string;
  name: string | null;
  company_name: string | null;
  company_domain: string | null;
  ai_facts: AiFacts | null;
}

/**
 * The company's domain a rule reads as `company.domain`: the requester's own when it is one of
 * the company's (a company may have several), else the company's first.
 */
const COMPANY_DOMAIN = `(SELECT d.domain::text FROM company_domains d WHERE d.org_id = co.org_id AND d.company_id = co.id
  ORDER BY d.domain = split_part(c.email, '@', 2) DESC, d.position LIMIT 1) AS company_domain`;

/**
 * What rules see of a ticket: its live state from the workflow, plus what only Postgres holds
 * (description, requester, company, the org's calendar). Null when the ticket has no row.
 */
export async function loadTicketSnapshot(trx: Knex.Transaction, state: TicketState, at: number): Promise<TicketSnapshot | null> {
  const row = await trx('tickets as t')
    .join('contacts as c', tenantJoin(['c.id', 't.requester_id']))
    .leftJoin('companies as co', tenantJoin(['co.id', 'c.company_id']))
    .leftJoin('ticket_triage as tt', tenantJoin(['tt.ticket_number', 't.number']))
    .where({ 't.org_id': state.orgId, 't.number': state.number })
    .first<SnapshotRow | undefined>('t.description', 't.created_at', 'c.email', 'c.name', 'co.name as company_name', trx.raw(COMPANY_DOMAIN), 'tt.facts as ai_facts');
  if (!row) return null;
  const calendar = await orgCalendar(trx, state.orgId);
  return {
    ticket: {
      number: state.number, subject: state.subject, description: row.description, status: state.status, priority: state.priority,
      channel: state.channel, tags: state.tags, assigneeId: state.assigneeId, teamId: state.teamId, fields: state.fields,
      ageSeconds: Math.max(0, Math.round((at - row.created_at.getTime()) / 1000)),
    },
    requester: { email: row.email, name: row.name, domain: row.email.split('@')[1] ?? '' },
    company: { name: row.company_name, domain: row.company_domain },
    calendar: { inBusinessHours: isBusinessTime(calendar, at) },
    ai: row.ai_facts ?? NO_AI_FACTS,
  };
}

/** The org's business calendar for rules: its first calendar, or always open when it has none. */
export async function orgCalendar(trx: Knex.Transaction, orgId: string): Promise<BusinessCalendar> {
  const row = await trx('calendars').where({ org_id: orgId }).orderBy('created_at').first<{ time_zone: string; week: BusinessCalendar['week']; holidays: BusinessCalendar['holidays'] } | undefined>('time_zone', 'week', 'holidays');
  return row ? { timeZone: row.time_zone, week: row.week, holidays: row.holidays } : { timeZone: 'UTC', ...ALWAYS_OPEN };
}
