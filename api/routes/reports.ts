import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { slaCompliance } from '../reports/sla-compliance';
import { routeGroup } from '../route-group';
import { SlaReportQuery, SlaReportSchema } from '../schemas/reports';

const reports = routeGroup({ tag: 'reports', access: ACCESS.readTickets });

export function reportRoutes({ db }: ApiDeps) {
  return [
    reports.get('/reports/sla', {
      operationId: 'getSlaReport', summary: 'SLA compliance of clocks started in a date range, by policy, priority, team, target and day',
      query: SlaReportQuery,
      responses: { 200: { description: 'Compliance', schema: SlaReportSchema } },
      async handler({ auth, query }) {
        return { status: 200, body: await withTenant(db, auth, (trx) => slaCompliance(trx, auth.orgId, query)) };
      },
    }),
  ];
}
