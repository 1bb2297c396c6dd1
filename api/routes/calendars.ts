import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { calendarProblems } from '../../domain/calendar/calendar';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import { route } from '../route';
import { CalendarBody, CalendarSchema, IdParams } from '../schemas/sla';
import { fn } from 'objection';
import { Calendar, SlaPolicy } from '../../db/models';

interface CalendarRow { id: string; name: string; time_zone: string; week: CalendarBody['week']; holidays: CalendarBody['holidays'] }
const toView = (row: CalendarRow) => ({ id: row.id, name: row.name, timeZone: row.time_zone, week: row.week, holidays: row.holidays });

function validate(body: CalendarBody): void {
  const problems = calendarProblems(body);
  if (problems.length > 0) throw new Problem(422, 'invalid-calendar', 'The calendar is not valid', { errors: problems });
}

const columns = (body: CalendarBody) => ({
  name: body.name, time_zone: body.timeZone, week: body.week, holidays: body.holidays,
});

/** Business calendars: opening hours per weekday in a time zone, and holidays. */
export function calendarRoutes(deps: ApiDeps) {
  const { db } = deps;
  const load = async (trx: Knex.Transaction, orgId: string, id: string) => {
    const row = await Calendar.query(trx).where({ org_id: orgId, id }).first().castTo<CalendarRow | undefined>();
    if (!row) throw notFound('Calendar');
    return toView(row);
  };

  return [
    route({
      method: 'get', path: '/calendars', tag: 'sla', access: ACCESS.staff, summary: 'Business calendars',
      operationId: 'listCalendars',
      responses: { 200: { description: 'Calendars', schema: z.object({ data: z.array(CalendarSchema) }) } },
      async handler({ auth }) {
        const rows = await withTenant(db, auth, (trx) => Calendar.query(trx).where({ org_id: auth.orgId }).orderBy('name').castTo<CalendarRow[]>());
        return { status: 200, body: { data: rows.map(toView) } };
      },
    }),
    route({
      method: 'post', path: '/calendars', tag: 'sla', access: ACCESS.manageMembers, summary: 'Create a business calendar',
      operationId: 'createCalendar',
      body: CalendarBody, responses: { 201: { description: 'Created', schema: CalendarSchema } },
      async handler({ auth, body }) {
        validate(body);
        const id = randomUUID();
        await withTenant(db, auth, (trx) => Calendar.query(trx).insert({ org_id: auth.orgId, id, ...columns(body) }));
        return { status: 201, body: { id, ...body } };
      },
    }),
    route({
      method: 'get', path: '/calendars/{id}', tag: 'sla', access: ACCESS.staff, summary: 'One calendar',
      operationId: 'getCalendar',
      params: IdParams, responses: { 200: { description: 'The calendar', schema: CalendarSchema } },
      async handler({ auth, params }) {
        return { status: 200, body: await withTenant(db, auth, (trx) => load(trx, auth.orgId, params.id)) };
      },
    }),
    route({
      method: 'put', path: '/calendars/{id}', tag: 'sla', access: ACCESS.manageMembers, summary: 'Replace a calendar (applies to clocks started from now on)',
      operationId: 'replaceCalendar',
      params: IdParams, body: CalendarBody, responses: { 200: { description: 'Updated', schema: CalendarSchema } },
      async handler({ auth, params, body }) {
        validate(body);
        const updated = await withTenant(db, auth, (trx) => Calendar.query(trx).where({ org_id: auth.orgId, id: params.id }).patch({ ...columns(body), updated_at: fn.now() }));
        if (updated === 0) throw notFound('Calendar');
        return { status: 200, body: { id: params.id, ...body } };
      },
    }),
    route({
      method: 'delete', path: '/calendars/{id}', tag: 'sla', access: ACCESS.manageMembers, summary: 'Delete a calendar no policy uses',
      operationId: 'deleteCalendar',
      params: IdParams, responses: { 204: { description: 'Deleted' } },
      async handler({ auth, params }) {
        await withTenant(db, auth, async (trx) => {
          const user = await SlaPolicy.query(trx).where({ org_id: auth.orgId, calendar_id: params.id }).select('name').first();
          if (user) throw new Problem(409, 'calendar-in-use', 'The calendar is in use', { detail: `Policy “${user.name}” counts on it.` });
          if ((await Calendar.query(trx).where({ org_id: auth.orgId, id: params.id }).delete()) === 0) throw notFound('Calendar');
        });
        return { status: 204 };
      },
    }),
  ];
}
