import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { reportScheduleClient } from '../../clients/report-schedule-client';
import { schedulesOfSavedReport } from '../../db/report-schedules';
import { arrangeDashboard, deleteSavedReport, findSavedReport, insertSavedReport, listSavedReports, updateSavedReport } from '../../db/saved-reports';
import { withTenant } from '../../db/tenant';
import { mayEditReport } from '../../domain/metrics/saved-report';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { DashboardLayoutBody, SavedReportBody, SavedReportParams, SavedReportPatchBody, SavedReportSchema } from '../schemas/saved-reports';

const List = z.object({ data: z.array(SavedReportSchema) });
const forbidden = () => new Problem(403, 'forbidden', 'Forbidden', { detail: 'Only its author or an admin may change a shared report.' });

const reports = routeGroup({ tag: 'reports', access: ACCESS.readTickets });

/**
 * Reports saved from the builder and the org's custom dashboard. A member sees the shared
 * reports and their own; only the author (or an owner or admin) changes or deletes one.
 */
export function savedReportRoutes(deps: ApiDeps) {
  const { db } = deps;
  const schedules = reportScheduleClient(deps);
  /** The report if the caller sees it and may change it: 404 if unseen, 403 if only seen. */
  async function editable(auth: Auth, id: string) {
    const report = await withTenant(db, auth, (trx) => findSavedReport(trx, auth.orgId, auth.userId, id));
    if (!report) throw notFound('Saved report');
    if (!mayEditReport(report, auth)) throw forbidden();
    return report;
  }

  return [
    reports.get('/reports/saved', {
      operationId: 'listSavedReports', summary: "The org's shared reports and the caller's own",
      responses: { 200: { description: 'Saved reports by name', schema: List } },
      async handler({ auth }) {
        return { status: 200, body: { data: await withTenant(db, auth, (trx) => listSavedReports(trx, auth.orgId, auth.userId)) } };
      },
    }),
    reports.post('/reports/saved', {
      operationId: 'createSavedReport', summary: 'Save a report from the builder (private unless shared)',
      body: SavedReportBody,
      responses: { 201: { description: 'Saved', schema: SavedReportSchema } },
      async handler({ auth, body }) {
        return { status: 201, body: await withTenant(db, auth, (trx) => insertSavedReport(trx, auth.orgId, auth.userId, randomUUID(), body)) };
      },
    }),
    reports.patch('/reports/saved/{id}', {
      operationId: 'updateSavedReport', summary: 'Change a saved report: name, query, chart, range or sharing',
      params: SavedReportParams, body: SavedReportPatchBody,
      responses: { 200: { description: 'Changed', schema: SavedReportSchema }, 403: { description: 'Not its author nor an admin' }, 404: { description: 'No such report the caller sees' } },
      async handler({ auth, params, body }) {
        await editable(auth, params.id);
        return { status: 200, body: await withTenant(db, auth, (trx) => updateSavedReport(trx, auth.orgId, params.id, body)) };
      },
    }),
    reports.delete('/reports/saved/{id}', {
      operationId: 'deleteSavedReport', summary: 'Delete a saved report',
      params: SavedReportParams,
      responses: { 204: { description: 'Deleted' }, 403: { description: 'Not its author nor an admin' }, 404: { description: 'No such report the caller sees' } },
      async handler({ auth, params }) {
        await editable(auth, params.id);
        await withTenant(db, auth, async (trx) => {
          // Its schedules' rows go with it (ON DELETE CASCADE); their Temporal Schedules go first.
          for (const id of await schedulesOfSavedReport(trx, auth.orgId, params.id)) await schedules.remove(auth.orgId, id);
          await deleteSavedReport(trx, auth.orgId, params.id);
        });
        return { status: 204 };
      },
    }),
    reports.put('/reports/dashboard', {
      operationId: 'arrangeReportDashboard', summary: 'Put saved reports on the custom dashboard in this order (the others the caller sees leave it)',
      body: DashboardLayoutBody,
      responses: { 200: { description: 'The caller’s reports, with their places', schema: List }, 404: { description: 'A listed report the caller does not see' } },
      async handler({ auth, body }) {
        const data = await withTenant(db, auth, async (trx) => {
          if (!(await arrangeDashboard(trx, auth.orgId, auth.userId, body.reportIds))) throw notFound('Saved report');
          return listSavedReports(trx, auth.orgId, auth.userId);
        });
        return { status: 200, body: { data } };
      },
    }),
  ];
}
