import type { Context } from 'koa';
import { drillDownColumns } from '../../db/metrics/drill-down';
import { openDrillDownRows, openMetricRows } from '../../db/metrics/metric-rows';
import { planDrillDown } from '../../domain/metrics/drill-down';
import { columnsOf, planMetricQuery } from '../../domain/metrics/query';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { CSV, XLSX, metricAnswer } from '../reports/metric-formats';
import { routeGroup } from '../route-group';
import { DrillDownAnswer, DrillDownBody, MetricAnswer, MetricQueryBody } from '../schemas/metric-query';

const NOT_ACCEPTABLE = { 406: { description: 'Accept names none of application/json, text/csv or the XLSX media type (RFC 9457 problem)' } };

/** The encoding `Accept` asks for, or a 406 problem. */
function acceptedFormat(ctx: Context): string {
  const format = ctx.accepts('application/json', CSV, XLSX);
  if (!format) throw new Problem(406, 'not-acceptable', 'Not acceptable', { detail: `Answers application/json, ${CSV} or ${XLSX}.` });
  return format;
}

const reports = routeGroup({ tag: 'reports', access: ACCESS.readTickets });

/**
 * The metric layer's one query: what every chart, export and API answer of a report asks.
 * `Accept` chooses the encoding of the same rows: JSON (default), CSV or XLSX. Its
 * drill-down lists the tickets or work orders one group of that answer counted.
 */
export function reportQueryRoutes({ db }: ApiDeps) {
  return [
    reports.post('/reports/query', {
      operationId: 'queryReport', summary: 'Measures of a dataset grouped by dimensions over a time range: as JSON, or as a CSV or XLSX file (Accept)',
      body: MetricQueryBody,
      responses: {
        200: { description: 'The rows: dimensions, then measures, one array per group', schema: MetricAnswer, alsoAs: [CSV, XLSX] },
        ...NOT_ACCEPTABLE,
      },
      async handler({ auth, body, ctx }) {
        const format = acceptedFormat(ctx);
        const plan = planMetricQuery(body);
        const rows = await openMetricRows(db, auth, plan);
        return metricAnswer(format, columnsOf(plan), rows, `${plan.dataset}-report`, plan.dataset);
      },
    }),
    reports.post('/reports/drill-down', {
      operationId: 'drillDownReport',
      summary: 'The tickets or work orders behind one group of a report: its query and the group’s dimension values (a file holds them all)',
      body: DrillDownBody,
      responses: {
        200: { description: 'One row per counted record: its number, title, status, priority and time, newest first', schema: DrillDownAnswer, alsoAs: [CSV, XLSX] },
        ...NOT_ACCEPTABLE,
      },
      async handler({ auth, body, ctx }) {
        const format = acceptedFormat(ctx);
        const drill = planDrillDown(body);
        // A file is the whole group, so its rows equal the chart's count; the JSON list is capped.
        const rows = await openDrillDownRows(db, auth, drill, format === 'application/json' ? drill.limit : null);
        return metricAnswer(format, drillDownColumns(drill.plan.dataset), rows, `${drill.plan.dataset}-drill-down`, drill.plan.dataset);
      },
    }),
  ];
}
