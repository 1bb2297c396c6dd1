import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { toPolicy } from '../../db/sla-policies';
import { findCalendar } from '../../db/calendar-store';
import { knownIds } from '../../db/known-ids';
import { deletePolicy, insertPolicy, listPolicyRows, replacePolicy, type PolicyColumns } from '../../db/sla-policy-store';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { IdParams, PolicyPreviewBody, PolicyPreviewSchema, SlaPolicyBody, SlaPolicySchema } from '../schemas/sla';
import { previewPolicy } from '../../domain/sla/preview';

const columns = (body: SlaPolicyBody): PolicyColumns => ({
  name: body.name,
  position: body.position,
  conditions: JSON.stringify(body.conditions),
  targets: JSON.stringify(body.targets),
  hours: body.hours,
  calendar_id: body.calendarId,
  pause_statuses: body.pauseStatuses,
  warn_at: body.warnAt,
});

async function checkCalendar(trx: Knex.Transaction, orgId: string, calendarId: string | null, pointer = '/calendarId'): Promise<void> {
  if (calendarId === null) return;
  if (!(await knownIds(trx, 'calendars', orgId, [calendarId])).has(calendarId)) {
    throw new Problem(422, 'unknown-calendar', 'No such calendar', { errors: [{ pointer, message: 'Not a calendar of this organization.' }] });
  }
}

/** The teams and companies a policy's conditions name must be this org's: a stray id would never match. */
async function checkConditions(trx: Knex.Transaction, orgId: string, conditions: SlaPolicyBody['conditions'], pointer = '/conditions'): Promise<void> {
  const refs = [['teamIds', 'teams', 'team'], ['companyIds', 'companies', 'company']] as const;
  for (const [field, table, what] of refs) {
    const found = await knownIds(trx, table, orgId, [...new Set(conditions[field] ?? [])]);
    const index = (conditions[field] ?? []).findIndex((id) => !found.has(id));
    if (index >= 0) {
      throw new Problem(422, `unknown-${what}`, `No such ${what}`, { errors: [{ pointer: `${pointer}/${field}/${index}`, message: `Not a ${what} of this organization.` }] });
    }
  }
}

const sla = routeGroup({ tag: 'sla', access: ACCESS.staff });

/** SLA policies, tried in ascending position: the first whose conditions match applies. */
export function slaPolicyRoutes({ db }: ApiDeps) {
  return [
    sla.get('/sla-policies', {
      operationId: 'listSlaPolicies', summary: 'SLA policies in the order they are tried',
      responses: { 200: { description: 'Policies', schema: z.object({ data: z.array(SlaPolicySchema) }) } },
      async handler({ auth }) {
        const rows = await withTenant(db, auth, (trx) => listPolicyRows(trx, auth.orgId));
        return { status: 200, body: { data: rows.map(toPolicy) } };
      },
    }),
    sla.post('/sla-policies', {
      access: ACCESS.manageMembers, operationId: 'createSlaPolicy', summary: 'Create an SLA policy',
      body: SlaPolicyBody, responses: { 201: { description: 'Created', schema: SlaPolicySchema } },
      async handler({ auth, body }) {
        const id = randomUUID();
        await withTenant(db, auth, async (trx) => {
          await checkCalendar(trx, auth.orgId, body.calendarId);
          await checkConditions(trx, auth.orgId, body.conditions);
          await insertPolicy(trx, auth.orgId, id, columns(body));
        });
        return { status: 201, body: { id, ...body } };
      },
    }),
    sla.post('/sla-policies/preview', {
      operationId: 'previewSlaPolicy', summary: 'When a ticket like this, opened now (or at openedAt), would be due under a draft policy',
      body: PolicyPreviewBody, responses: { 200: { description: 'Due times', schema: PolicyPreviewSchema } },
      async handler({ auth, body }) {
        const calendar = await withTenant(db, auth, async (trx) => {
          await checkCalendar(trx, auth.orgId, body.policy.calendarId, '/policy/calendarId');
          if (body.policy.calendarId === null) return null;
          const row = await findCalendar(trx, auth.orgId, body.policy.calendarId);
          return row ? { timeZone: row.time_zone, week: row.week, holidays: row.holidays } : null;
        });
        const openedAt = body.openedAt ? Date.parse(body.openedAt) : Date.now();
        const preview = previewPolicy({ ...body.policy, id: 'draft' }, body.ticket, calendar, openedAt);
        return { status: 200, body: { ...preview, openedAt: new Date(openedAt).toISOString() } };
      },
    }),
    sla.put('/sla-policies/{id}', {
      access: ACCESS.manageMembers, operationId: 'replaceSlaPolicy', summary: 'Replace a policy (applies to clocks started from now on)',
      params: IdParams, body: SlaPolicyBody, responses: { 200: { description: 'Updated', schema: SlaPolicySchema } },
      async handler({ auth, params, body }) {
        await withTenant(db, auth, async (trx) => {
          await checkCalendar(trx, auth.orgId, body.calendarId);
          await checkConditions(trx, auth.orgId, body.conditions);
          if (!(await replacePolicy(trx, auth.orgId, params.id, columns(body)))) throw notFound('SLA policy');
        });
        return { status: 200, body: { id: params.id, ...body } };
      },
    }),
    sla.delete('/sla-policies/{id}', {
      access: ACCESS.manageMembers, operationId: 'deleteSlaPolicy', summary: 'Delete a policy',
      params: IdParams, responses: { 204: { description: 'Deleted' } },
      async handler({ auth, params }) {
        if (!(await withTenant(db, auth, (trx) => deletePolicy(trx, auth.orgId, params.id)))) throw notFound('SLA policy');
        return { status: 204 };
      },
    }),
  ];
}
