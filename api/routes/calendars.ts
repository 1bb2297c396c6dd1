import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  deleteCalendar, findCalendar, insertCalendar, listCalendars, policyUsingCalendar, replaceCalendar, teamUsingCalendar, type CalendarColumns, type CalendarRow,
} from '../../db/calendar-store';
import { withTenant } from '../../db/tenant';
import { calendarProblems } from '../../domain/calendar/calendar';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, found, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { CalendarBody, CalendarSchema, IdParams } from '../schemas/sla';

const toView = (row: CalendarRow) => ({ id: row.id, name: row.name, timeZone: row.time_zone, week: row.week, holidays: row.holidays });

function validate(body: CalendarBody): void {
  const problems = calendarProblems(body);
  if (problems.length > 0) throw new Problem(422, 'invalid-calendar', 'The calendar is not valid', { errors: problems });
}

const columns = (body: CalendarBody): CalendarColumns => ({
  name: body.name, time_zone: body.timeZone, week: body.week, holidays: body.holidays,
});

const sla = routeGroup({ tag: 'sla', access: ACCESS.manageMembers });

/** Business calendars: opening hours per weekday in a time zone, and holidays. */
export function calendarRoutes({ db }: ApiDeps) {
  return [
    sla.get('/calendars', {
      access: ACCESS.staff, operationId: 'listCalendars', summary: 'Business calendars',
      responses: { 200: { description: 'Calendars', schema: z.object({ data: z.array(CalendarSchema) }) } },
      async handler({ auth }) {
        const rows = await withTenant(db, auth, (trx) => listCalendars(trx, auth.orgId));
        return { status: 200, body: { data: rows.map(toView) } };
      },
    }),
    sla.post('/calendars', {
      operationId: 'createCalendar', summary: 'Create a business calendar',
      body: CalendarBody, responses: { 201: { description: 'Created', schema: CalendarSchema } },
      async handler({ auth, body }) {
        validate(body);
        const id = randomUUID();
        await withTenant(db, auth, (trx) => insertCalendar(trx, auth.orgId, id, columns(body)));
        return { status: 201, body: { id, ...body } };
      },
    }),
    sla.get('/calendars/{id}', {
      access: ACCESS.staff, operationId: 'getCalendar', summary: 'One calendar',
      params: IdParams, responses: { 200: { description: 'The calendar', schema: CalendarSchema } },
      async handler({ auth, params }) {
        return { status: 200, body: toView(found(await withTenant(db, auth, (trx) => findCalendar(trx, auth.orgId, params.id)), 'Calendar')) };
      },
    }),
    sla.put('/calendars/{id}', {
      operationId: 'replaceCalendar', summary: 'Replace a calendar (applies to clocks started from now on)',
      params: IdParams, body: CalendarBody, responses: { 200: { description: 'Updated', schema: CalendarSchema } },
      async handler({ auth, params, body }) {
        validate(body);
        if (!(await withTenant(db, auth, (trx) => replaceCalendar(trx, auth.orgId, params.id, columns(body))))) throw notFound('Calendar');
        return { status: 200, body: { id: params.id, ...body } };
      },
    }),
    sla.delete('/calendars/{id}', {
      operationId: 'deleteCalendar', summary: 'Delete a calendar no policy or team uses',
      params: IdParams, responses: { 204: { description: 'Deleted' } },
      async handler({ auth, params }) {
        await withTenant(db, auth, async (trx) => {
          const policy = await policyUsingCalendar(trx, auth.orgId, params.id);
          if (policy !== undefined) throw new Problem(409, 'calendar-in-use', 'The calendar is in use', { detail: `Policy “${policy}” counts on it.` });
          const team = await teamUsingCalendar(trx, auth.orgId, params.id);
          if (team !== undefined) throw new Problem(409, 'calendar-in-use', 'The calendar is in use', { detail: `Team “${team}” works its hours.` });
          if (!(await deleteCalendar(trx, auth.orgId, params.id))) throw notFound('Calendar');
        });
        return { status: 204 };
      },
    }),
  ];
}
