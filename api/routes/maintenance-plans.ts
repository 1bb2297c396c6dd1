import type { Knex } from 'knex';
import { z } from 'zod';
import { maintenanceScheduleClient, type ScheduleAnswer } from '../../clients/maintenance-schedule-client';
import { assetExists } from '../../db/asset-registry';
import { deletePlan, findPlan, insertPlan, listPlanRows, setPlanPaused, updatePlan, type PlanRow } from '../../db/maintenance-plan-store';
import { withTenant } from '../../db/tenant';
import { recurrenceFromRRule, type ScheduleRecurrence } from '../../domain/work-order/recurrence';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { created } from '../created';
import { Problem, found } from '../problem';
import { routeGroup } from '../route-group';
import { IdParams, PatchPlanBody, PlanBody, PlanSchema, type PlanView } from '../schemas/field-service';
import { checkPlanCaps } from './maintenance-plan-caps';

const view = (row: PlanRow, nextRuns: string[] = []): PlanView => ({
  id: row.id,
  assetId: row.asset_id,
  name: row.name,
  rrule: row.rrule,
  checklist: row.checklist,
  requiredSkills: row.required_skills,
  durationMinutes: row.duration_minutes,
  paused: row.paused,
  scheduleId: row.schedule_id,
  nextRuns,
  createdAt: row.created_at.toISOString(),
});

export async function listPlans(trx: Knex.Transaction, orgId: string, assetId?: string): Promise<PlanView[]> {
  return (await listPlanRows(trx, orgId, assetId)).map((row) => view(row));
}

/** Translates the RRULE, or answers 422 saying what a schedule cannot express or that it runs too often. */
function recurrenceOf(rrule: string): ScheduleRecurrence {
  const result = recurrenceFromRRule(rrule);
  if (result.ok) return result.recurrence;
  const extra = { detail: result.message, errors: [{ pointer: '/rrule', message: result.message }] };
  if (result.reason === 'too-frequent') throw new Problem(422, 'rrule-too-frequent', 'The plan would run more than once a day', extra);
  throw new Problem(422, 'unsupported-rrule', 'The recurrence cannot be scheduled', extra);
}

/** A plan row whose schedule Temporal no longer has: Keel's records and Temporal disagree. */
function scheduled(answer: ScheduleAnswer, row: PlanRow): void {
  if (!answer.ok) throw new Error(`maintenance plan ${row.id} has no schedule ${row.schedule_id}`);
}

const maintenancePlans = routeGroup({ tag: 'maintenance plans', access: ACCESS.dispatch });

export function maintenancePlanRoutes(deps: ApiDeps) {
  const { db } = deps;
  const schedules = maintenanceScheduleClient(deps);

  async function load(auth: Auth, id: string): Promise<PlanRow> {
    return found(await withTenant(db, auth, (trx) => findPlan(trx, auth.orgId, id)), 'Maintenance plan');
  }

  const list = maintenancePlans.get('/maintenance-plans', {
    access: ACCESS.staff, operationId: 'listMaintenancePlans', summary: 'Preventive-maintenance plans',
    query: z.object({ assetId: z.uuid().optional() }),
    responses: { 200: { description: 'Plans', schema: z.object({ data: z.array(PlanSchema) }) } },
    async handler({ auth, query }) {
      return { status: 200, body: { data: await withTenant(db, auth, (trx) => listPlans(trx, auth.orgId, query.assetId)) } };
    },
  });

  const create = maintenancePlans.post('/maintenance-plans', {
    operationId: 'createMaintenancePlan', summary: 'Create a plan: a Temporal Schedule that opens a work order for the asset on each recurrence',
    body: PlanBody,
    responses: { 201: { description: 'Created', schema: PlanSchema } },
    async handler({ auth, body }) {
      const recurrence = recurrenceOf(body.rrule);
      const id = crypto.randomUUID();
      const scheduleId = schedules.idOf(auth.orgId, id);
      const row = await withTenant(db, auth, async (trx) => {
        if (!(await assetExists(trx, auth.orgId, body.assetId))) {
          throw new Problem(422, 'unknown-asset', 'No such asset', { errors: [{ pointer: '/assetId', message: `No asset ${body.assetId}.` }] });
        }
        await checkPlanCaps(trx, auth.orgId, body.assetId);
        const inserted = await insertPlan(trx, auth.orgId, { ...body, id, scheduleId });
        await auditCaller(trx, auth, { action: 'maintenance_plan.created', entityType: 'maintenance_plan', entityId: id, data: body });
        // Created inside the transaction: if Temporal refuses, no plan row is left behind.
        await schedules.create({ orgId: auth.orgId, planId: id, name: body.name, paused: body.paused, recurrence });
        return inserted;
      });
      return created(`/api/v1/maintenance-plans/${id}`, view(row, await schedules.nextRuns(scheduleId)));
    },
  });

  const show = maintenancePlans.get('/maintenance-plans/{id}', {
    access: ACCESS.staff, operationId: 'getMaintenancePlan', summary: 'One plan, with the next run times of its schedule',
    params: IdParams,
    responses: { 200: { description: 'The plan', schema: PlanSchema } },
    async handler({ auth, params }) {
      const row = await load(auth, params.id);
      return { status: 200, body: view(row, await schedules.nextRuns(row.schedule_id)) };
    },
  });

  const patch = maintenancePlans.patch('/maintenance-plans/{id}', {
    operationId: 'updateMaintenancePlan', summary: 'Edit a plan; a new RRULE updates its schedule',
    params: IdParams, body: PatchPlanBody,
    responses: { 200: { description: 'The plan', schema: PlanSchema } },
    async handler({ auth, params, body }) {
      const recurrence = body.rrule !== undefined ? recurrenceOf(body.rrule) : null;
      const row = await withTenant(db, auth, async (trx) => {
        const updated = found(await updatePlan(trx, auth.orgId, params.id, body), 'Maintenance plan');
        await auditCaller(trx, auth, { action: 'maintenance_plan.updated', entityType: 'maintenance_plan', entityId: params.id, data: body });
        if (recurrence) scheduled(await schedules.reschedule(updated.schedule_id, recurrence), updated);
        return updated;
      });
      return { status: 200, body: view(row, await schedules.nextRuns(row.schedule_id)) };
    },
  });

  const setPaused = (paused: boolean) =>
    maintenancePlans.post(`/maintenance-plans/{id}/${paused ? 'pause' : 'resume'}`, {
      operationId: paused ? 'pauseMaintenancePlan' : 'resumeMaintenancePlan',
      summary: paused ? 'Pause the plan: its schedule starts nothing until resumed' : 'Resume a paused plan',
      params: IdParams,
      responses: { 200: { description: 'The plan', schema: PlanSchema } },
      async handler({ auth, params }) {
        const row = await load(auth, params.id);
        const answer = paused ? await schedules.pause(row.schedule_id, `Paused by ${auth.userId}`) : await schedules.resume(row.schedule_id, `Resumed by ${auth.userId}`);
        scheduled(answer, row);
        await withTenant(db, auth, async (trx) => {
          await setPlanPaused(trx, auth.orgId, params.id, paused);
          await auditCaller(trx, auth, { action: paused ? 'maintenance_plan.paused' : 'maintenance_plan.resumed', entityType: 'maintenance_plan', entityId: params.id });
        });
        return { status: 200, body: view({ ...row, paused }, await schedules.nextRuns(row.schedule_id)) };
      },
    });

  const remove = maintenancePlans.delete('/maintenance-plans/{id}', {
    operationId: 'deleteMaintenancePlan', summary: 'Delete a plan and its schedule (work orders it opened stay)',
    params: IdParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params }) {
      const row = await load(auth, params.id);
      await schedules.remove(row.schedule_id);
      await withTenant(db, auth, async (trx) => {
        await deletePlan(trx, auth.orgId, params.id);
        await auditCaller(trx, auth, { action: 'maintenance_plan.deleted', entityType: 'maintenance_plan', entityId: params.id, data: { name: row.name, assetId: row.asset_id } });
      });
      return { status: 204 };
    },
  });

  return [list, create, show, patch, setPaused(true), setPaused(false), remove];
}
