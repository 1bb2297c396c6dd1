import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { reportScheduleClient } from '../../clients/report-schedule-client';
import {
  deleteReportSchedule, findReportSchedule, insertReportSchedule, listReportSchedules, setReportSchedulePaused, updateReportSchedule,
  type ReportScheduleView,
} from '../../db/report-schedules';
import { findSavedReport } from '../../db/saved-reports';
import { withTenant } from '../../db/tenant';
import { describeCadence, type ReportSource } from '../../domain/metrics/report-schedule';
import { ACCESS, type Auth } from '../auth/roles';
import { auditCaller } from '../caller-audit';
import { created } from '../created';
import type { ApiDeps } from '../deps';
import { Problem, found } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema } from '../schemas/common';
import { ReportRunSchema, ReportScheduleBody, ReportScheduleParams, ReportSchedulePatchBody, ReportScheduleSchema } from '../schemas/report-schedules';

const List = z.object({ data: z.array(ReportScheduleSchema) });
const UNKNOWN_REPORT = { 422: { description: 'A saved report the caller does not see', schema: ProblemSchema } };

/** Owners and admins set up what is mailed out of the org; every reader sees the list. */
const schedules = routeGroup({ tag: 'reports', access: ACCESS.manageMembers });

/** A saved report mailed must be one the caller sees (shared, or their own). */
async function checkSource(trx: Knex.Transaction, auth: Auth, source: ReportSource | undefined): Promise<void> {
  if (source?.kind !== 'saved') return;
  if (await findSavedReport(trx, auth.orgId, auth.userId, source.reportId)) return;
  throw new Problem(422, 'unknown-report', 'No such saved report', { errors: [{ pointer: '/source/reportId', message: 'Not a saved report you can see.' }] });
}

const audited = (view: ReportScheduleView) => ({
  name: view.name, source: view.source, format: view.format, recipients: view.recipients, cadence: view.cadence, timeZone: view.timeZone, paused: view.paused,
});

/**
 * Scheduled reports: a saved report or a prebuilt dashboard mailed as PDF or XLSX on a cadence.
 * Each row has one Temporal Schedule (`clients/report-schedule-client.ts`), written in the same
 * request: created inside the row's transaction (Temporal refusing leaves no row), its id derived
 * from the row's so a retried create makes one schedule.
 */
export function reportScheduleRoutes(deps: ApiDeps) {
  const { db } = deps;
  const temporal = reportScheduleClient(deps);

  /** The row as answered: with its cadence in words, its Temporal Schedule's id and next runs. */
  const shown = (auth: Auth) => async (view: ReportScheduleView) => ({
    ...view,
    description: describeCadence(view.cadence, view.timeZone),
    scheduleId: temporal.idOf(auth.orgId, view.id),
    nextRuns: await temporal.nextRuns(auth.orgId, view.id),
  });
  const load = async (auth: Auth, id: string) => found(await withTenant(db, auth, (trx) => findReportSchedule(trx, auth.orgId, id)), 'Report schedule');

  return [
    schedules.get('/reports/schedules', {
      access: ACCESS.readTickets, operationId: 'listReportSchedules', summary: 'Scheduled reports of the org, with their next mailing times',
      responses: { 200: { description: 'Schedules by name', schema: List } },
      async handler({ auth }) {
        const rows = await withTenant(db, auth, (trx) => listReportSchedules(trx, auth.orgId));
        return { status: 200, body: { data: await Promise.all(rows.map(shown(auth))) } };
      },
    }),
    schedules.post('/reports/schedules', {
      operationId: 'createReportSchedule', summary: 'Mail a saved report or a dashboard as PDF or XLSX on a cadence (a Temporal Schedule)',
      body: ReportScheduleBody,
      responses: { 201: { description: 'Scheduled', schema: ReportScheduleSchema }, ...UNKNOWN_REPORT },
      async handler({ auth, body }) {
        const id = randomUUID();
        const view = await withTenant(db, auth, async (trx) => {
          await checkSource(trx, auth, body.source);
          const inserted = await insertReportSchedule(trx, auth.orgId, auth.userId, id, body);
          await auditCaller(trx, auth, { action: 'report_schedule.created', entityType: 'report_schedule', entityId: id, data: audited(inserted) });
          await temporal.create({ orgId: auth.orgId, id, name: body.name, cadence: body.cadence, timeZone: body.timeZone, paused: body.paused });
          return inserted;
        });
        return created(`/api/v1/reports/schedules/${id}`, await shown(auth)(view));
      },
    }),
    schedules.get('/reports/schedules/{id}', {
      access: ACCESS.readTickets, operationId: 'getReportSchedule', summary: 'One scheduled report',
      params: ReportScheduleParams,
      responses: { 200: { description: 'The schedule', schema: ReportScheduleSchema } },
      async handler({ auth, params }) {
        return { status: 200, body: await shown(auth)(await load(auth, params.id)) };
      },
    }),
    schedules.patch('/reports/schedules/{id}', {
      operationId: 'updateReportSchedule', summary: 'Change what is mailed, to whom, in which format, how often or in which zone',
      params: ReportScheduleParams, body: ReportSchedulePatchBody,
      responses: { 200: { description: 'Changed', schema: ReportScheduleSchema }, ...UNKNOWN_REPORT },
      async handler({ auth, params, body }) {
        const view = await withTenant(db, auth, async (trx) => {
          await checkSource(trx, auth, body.source);
          const updated = found(await updateReportSchedule(trx, auth.orgId, params.id, body), 'Report schedule');
          await auditCaller(trx, auth, { action: 'report_schedule.updated', entityType: 'report_schedule', entityId: params.id, data: body });
          await temporal.update({ orgId: auth.orgId, id: params.id, name: updated.name, cadence: updated.cadence, timeZone: updated.timeZone, paused: updated.paused });
          return updated;
        });
        return { status: 200, body: await shown(auth)(view) };
      },
    }),
    ...[true, false].map((paused) => schedules.post(`/reports/schedules/{id}/${paused ? 'pause' : 'resume'}`, {
      operationId: paused ? 'pauseReportSchedule' : 'resumeReportSchedule',
      summary: paused ? 'Pause: nothing is mailed until resumed' : 'Resume a paused schedule',
      params: ReportScheduleParams,
      responses: { 200: { description: 'The schedule', schema: ReportScheduleSchema } },
      async handler({ auth, params }) {
        const view = await withTenant(db, auth, async (trx) => {
          const changed = found(await setReportSchedulePaused(trx, auth.orgId, params.id, paused), 'Report schedule');
          await auditCaller(trx, auth, { action: paused ? 'report_schedule.paused' : 'report_schedule.resumed', entityType: 'report_schedule', entityId: params.id, data: { name: changed.name } });
          await temporal.setPaused(auth.orgId, params.id, paused, `${paused ? 'Paused' : 'Resumed'} by ${auth.userId}`);
          return changed;
        });
        return { status: 200, body: await shown(auth)(view) };
      },
    })),
    schedules.post('/reports/schedules/{id}/send', {
      operationId: 'sendReportScheduleNow', summary: 'Mail the report now, outside its cadence (also when paused); answers once it is mailed',
      params: ReportScheduleParams,
      responses: { 200: { description: 'What the run mailed, or why it mailed nothing', schema: ReportRunSchema } },
      async handler({ auth, params }) {
        const view = await load(auth, params.id);
        await withTenant(db, auth, (trx) => auditCaller(trx, auth, { action: 'report_schedule.sent', entityType: 'report_schedule', entityId: view.id, data: { name: view.name, recipients: view.recipients } }));
        return { status: 200, body: await temporal.sendNow(auth.orgId, view.id) };
      },
    }),
    schedules.delete('/reports/schedules/{id}', {
      operationId: 'deleteReportSchedule', summary: 'Stop mailing a report: deletes the row and its Temporal Schedule',
      params: ReportScheduleParams,
      responses: { 204: { description: 'Deleted' } },
      async handler({ auth, params }) {
        await withTenant(db, auth, async (trx) => {
          const view = found(await findReportSchedule(trx, auth.orgId, params.id), 'Report schedule');
          await deleteReportSchedule(trx, auth.orgId, params.id);
          await auditCaller(trx, auth, { action: 'report_schedule.deleted', entityType: 'report_schedule', entityId: params.id, data: audited(view) });
          await temporal.remove(auth.orgId, params.id);
        });
        return { status: 204 };
      },
    }),
  ];
}
