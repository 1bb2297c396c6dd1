import type { Knex } from 'knex';
import { fn } from 'objection';
import type { BusinessCalendar } from '../domain/calendar/calendar';
import { Calendar, SlaPolicy, Team } from './models';

/** Business calendars: opening hours per weekday in a time zone, and holidays. */
export interface CalendarRow { id: string; name: string; time_zone: string; week: BusinessCalendar['week']; holidays: BusinessCalendar['holidays'] }
export type CalendarColumns = Omit<CalendarRow, 'id'>;

export async function listCalendars(trx: Knex.Transaction, orgId: string): Promise<CalendarRow[]> {
  return Calendar.query(trx).where({ org_id: orgId }).orderBy('name').castTo<CalendarRow[]>();
}

export async function findCalendar(trx: Knex.Transaction, orgId: string, id: string): Promise<CalendarRow | undefined> {
  return Calendar.query(trx).where({ org_id: orgId, id }).first().castTo<CalendarRow | undefined>();
}

export async function insertCalendar(trx: Knex.Transaction, orgId: string, id: string, columns: CalendarColumns): Promise<void> {
  await Calendar.query(trx).insert({ org_id: orgId, id, ...columns });
}

/** False when the org has no such calendar. */
export async function replaceCalendar(trx: Knex.Transaction, orgId: string, id: string, columns: CalendarColumns): Promise<boolean> {
  return (await Calendar.query(trx).where({ org_id: orgId, id }).patch({ ...columns, updated_at: fn.now() })) > 0;
}

/** False when the org has no such calendar. */
export async function deleteCalendar(trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  return (await Calendar.query(trx).where({ org_id: orgId, id }).delete()) > 0;
}

/** The name of a policy that counts on the calendar, if any does. */
export async function policyUsingCalendar(trx: Knex.Transaction, orgId: string, calendarId: string): Promise<string | undefined> {
  return (await SlaPolicy.query(trx).where({ org_id: orgId, calendar_id: calendarId }).select('name').first())?.name;
}

/** The name of a team whose working hours the calendar is, if any is. */
export async function teamUsingCalendar(trx: Knex.Transaction, orgId: string, calendarId: string): Promise<string | undefined> {
  return (await Team.query(trx).where({ org_id: orgId, calendar_id: calendarId }).whereNull('deleted_at').orderBy('name').select('name').first())?.name;
}
