import { openMetricRows } from '../../db/metrics/metric-rows';
import { columnsOf, planMetricQuery } from '../../domain/metrics/query';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { CSV, XLSX, metricCsv, metricJson, metricXlsx } from '../reports/metric-formats';
import { route } from '../route';
import { MetricAnswer, MetricQueryBody } from '../schemas/metric-query';

/**
 * The metric layer's one query: what every chart, export and API answer of a report asks.
 * `Accept` chooses the encoding of the same rows: JSON (default), CSV or XLSX.
 */
export function reportQueryRoutes({ db }: ApiDeps) {
  return [
    route({
      operationId: 'queryReport', method: 'post', path: '/reports/query', tag: 'reports', access: ACCESS.readTickets,
      summary: 'Measures of a dataset grouped by dimensions over a time range: as JSON, or as a CSV or XLSX file (Accept)',
      body: MetricQueryBody,
      responses: {
        200: { description: 'The rows: dimensions, then measures, one array per group', schema: MetricAnswer, alsoAs: [CSV, XLSX] },
        406: { description: 'Accept names none of application/json, text/csv or the XLSX media type (RFC 9457 problem)' },
      },
      async handler({ auth, body, ctx }) {
        const format = ctx.accepts('application/json', CSV, XLSX);
        if (!format) throw new Problem(406, 'not-acceptable', 'Not acceptable', { detail: `Answers application/json, ${CSV} or ${XLSX}.` });
        const plan = planMetricQuery(body);
        const columns = columnsOf(plan);
        const rows = await openMetricRows(db, auth, plan);
        const file = (extension: string) => ({ 'Content-Disposition': `attachment; filename="${plan.dataset}-report.${extension}"` });
        if (format === CSV) return { status: 200, headers: { 'Content-Type': `${CSV}; charset=utf-8`, ...file('csv') }, body: metricCsv(columns, rows) };
        if (format === XLSX) return { status: 200, headers: { 'Content-Type': XLSX, ...file('xlsx') }, body: metricXlsx(columns, rows, plan.dataset) };
        return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: metricJson(columns, rows) };
      },
    }),
  ];
}
