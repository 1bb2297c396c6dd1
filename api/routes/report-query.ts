import type { Context } from 'koa';
import { z } from 'zod';
import { drillDownColumns } from '../../db/metrics/drill-down';
import { openDrillDownRows, openMetricRows } from '../../db/metrics/metric-rows';
import { planDrillDown } from '../../domain/metrics/drill-down';
import { CHART_TYPES, type ChartType } from '../../domain/metrics/charts';
import { TIME_BUCKETS } from '../../domain/metrics/datasets';
import { columnsOf, planMetricQuery, type AnyMetricPlan } from '../../domain/metrics/query';
import { queryDetails } from '../../outbound/report-files/report-section';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem } from '../problem';
import { CSV, PDF, XLSX, metricAnswer } from '../reports/metric-formats';
import { routeGroup } from '../route-group';
import { DrillDownAnswer, DrillDownBody, MetricAnswer, MetricQueryBody } from '../schemas/metric-query';

const NOT_ACCEPTABLE = { 406: { description: 'Accept names none of application/json, text/csv, the XLSX media type or application/pdf (RFC 9457 problem)' } };

/** The encoding `Accept` asks for, or a 406 problem. */
function acceptedFormat(ctx: Context): string {
  const format = ctx.accepts('application/json', CSV, XLSX, PDF);
  if (!format) throw new Problem(406, 'not-acceptable', 'Not acceptable', { detail: `Answers application/json, ${CSV}, ${XLSX} or ${PDF}.` });
  return format;
}

/** What only a PDF uses: the report's title and how its chart is drawn (the JSON, CSV and XLSX answers ignore them). */
const PdfQuery = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  chart: z.enum(CHART_TYPES).optional(),
});

/** No chart named: one number without dimensions, a line over a time bucket, bars otherwise. */
function defaultChart(plan: AnyMetricPlan): ChartType {
  const first = plan.dimensions[0];
  if (!first) return 'number';
  return (TIME_BUCKETS as readonly string[]).includes(first.name) ? 'line' : 'bar';
}

const reports = routeGroup({ tag: 'reports', access: ACCESS.readTickets });

/**
 * The metric layer's one query: what every chart, export and API answer of a report asks.
 * `Accept` chooses the encoding of the same rows: JSON (default), CSV, XLSX or PDF. Its
 * drill-down lists the tickets or work orders one group of that answer counted.
 */
export function reportQueryRoutes({ db }: ApiDeps) {
  return [
    reports.post('/reports/query', {
      operationId: 'queryReport', summary: 'Measures of a dataset grouped by dimensions over a time range: as JSON, or as a CSV, XLSX or PDF file (Accept; a PDF draws the chart `chart` above the table, titled `title`)',
      body: MetricQueryBody, query: PdfQuery,
      responses: {
        200: { description: 'The rows: dimensions, then measures, one array per group', schema: MetricAnswer, alsoAs: [CSV, XLSX, PDF] },
        ...NOT_ACCEPTABLE,
      },
      async handler({ auth, body, query, ctx }) {
        const format = acceptedFormat(ctx);
        const plan = planMetricQuery(body);
        const rows = await openMetricRows(db, auth, plan);
        const pdf = {
          title: query.title ?? `${plan.dataset} report`, chart: query.chart ?? defaultChart(plan),
          details: queryDetails(body), dimensions: plan.dimensions.length,
        };
        return metricAnswer(format, columnsOf(plan), rows, `${plan.dataset}-report`, plan.dataset, pdf);
      },
    }),
    reports.post('/reports/drill-down', {
      operationId: 'drillDownReport',
      summary: 'The tickets or work orders behind one group of a report: its query and the group’s dimension values (a file holds them all)',
      body: DrillDownBody,
      responses: {
        200: { description: 'One row per counted record: its number, title, status, priority and time, newest first (a PDF: their table)', schema: DrillDownAnswer, alsoAs: [CSV, XLSX, PDF] },
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
