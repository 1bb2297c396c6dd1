import type { Readable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import { openMetricRows } from '../db/metrics/metric-rows';
import { findReportSchedule, recordReportRun, type ReportScheduleView } from '../db/report-schedules';
import { savedReportById } from '../db/saved-reports';
import { withTenant } from '../db/tenant';
import type { ChartType } from '../domain/metrics/charts';
import { DASHBOARDS, seriesQuery } from '../domain/metrics/dashboards';
import { MetricQuery, columnsOf, planMetricQuery, type MetricQueryInput } from '../domain/metrics/query';
import { describeCadence, runRange, type ScheduledReportOutcome } from '../domain/metrics/report-schedule';
import { reportPdf } from '../outbound/report-files/report-pdf';
import { queryDetails, type ReportSection } from '../outbound/report-files/report-section';
import { PDF, XLSX, reportXlsx } from '../outbound/report-files/spreadsheet';
import type { ReportMailer } from './work-order-report/report-mail';

/** A mailed file larger than this is not sent (relays refuse far smaller); the run says why. */
export const MAX_MAILED_BYTES = 15 * 1024 * 1024;

interface Built {
  title: string;
  range: { from: string; to: string; timeZone: string };
  sections: ReportSection[];
}

/**
 * Query → render → mail, for one run of a scheduled report: the saved report's query (or each
 * series of a dashboard's widgets) over the run's range in the schedule's time zone, drawn as a
 * PDF or laid out as an XLSX workbook, mailed as an attachment through the service reports'
 * mailer (`KEEL_REPORT_SMTP_URL`). The outcome is written on the schedule's row.
 */
export function createScheduledReportActivities(db: Db, options: { mailer: ReportMailer | null }) {
  function sectionOf(orgId: string, title: string, chart: ChartType, input: MetricQueryInput): ReportSection {
    const query = MetricQuery.parse(input);
    const plan = planMetricQuery(query);
    return {
      title, chart, details: queryDetails(query), dimensions: plan.dimensions.length, columns: columnsOf(plan),
      rows: () => openMetricRows(db, { orgId }, plan),
    };
  }

  async function build(orgId: string, schedule: ReportScheduleView, runAt: Date): Promise<Built | string> {
    const { source, cadence, timeZone } = schedule;
    if (source.kind === 'saved') {
      const report = await withTenant(db, { orgId }, (trx) => savedReportById(trx, orgId, source.reportId));
      if (!report) return 'Its saved report no longer exists.';
      const saved = report.query as MetricQueryInput;
      // A report that names its days covers the last that many before the run; otherwise its own range.
      const range = report.rangeDays !== null ? runRange(cadence, report.rangeDays, runAt, timeZone) : { from: saved.from, to: saved.to, timeZone: saved.timeZone ?? 'UTC' };
      return { title: report.name, range, sections: [sectionOf(orgId, report.name, report.chart, { ...saved, ...range })] };
    }
    const dashboard = DASHBOARDS.find((d) => d.id === source.dashboardId);
    if (!dashboard) return 'Its dashboard no longer exists.';
    const range = runRange(cadence, null, runAt, timeZone);
    const sections = dashboard.widgets.flatMap((widget) => widget.series.map((series) =>
      sectionOf(orgId, widget.series.length > 1 ? `${widget.title}: ${series.label}` : widget.title, widget.chart, seriesQuery(widget, series, range))));
    return { title: `${dashboard.title} dashboard`, range, sections };
  }

  async function sendScheduledReport(input: { orgId: string; reportScheduleId: string; runAt: string }): Promise<ScheduledReportOutcome> {
    const { orgId, reportScheduleId } = input;
    const runAt = new Date(input.runAt);
    const schedule = await withTenant(db, { orgId }, (trx) => findReportSchedule(trx, orgId, reportScheduleId));
    if (!schedule) throw ApplicationFailure.create({ type: 'ReportScheduleGone', message: `No report schedule ${reportScheduleId}.`, nonRetryable: true });
    const nothing = async (reason: string): Promise<ScheduledReportOutcome> => {
      await withTenant(db, { orgId }, (trx) => recordReportRun(trx, orgId, reportScheduleId, new Date(), reason));
      return { mailed: false, recipients: schedule.recipients, filename: null, bytes: 0, range: null, reason };
    };
    if (!options.mailer) return nothing('Not mailed: no SMTP relay is configured (KEEL_REPORT_SMTP_URL).');
    const built = await build(orgId, schedule, runAt);
    if (typeof built === 'string') return nothing(`Not mailed: ${built}`);

    const file = schedule.format === 'pdf'
      ? reportPdf(built.sections, { title: built.title, subtitle: `${schedule.name} · ${describeCadence(schedule.cadence, schedule.timeZone)} · from ${built.range.from} to ${built.range.to}` })
      : reportXlsx(built.sections);
    const content = await collect(file, MAX_MAILED_BYTES);
    if (!content) return nothing(`Not mailed: the file is larger than ${MAX_MAILED_BYTES / 1024 / 1024} MB.`);
    const filename = `${slug(built.title)}-${built.range.from}-${built.range.to}.${schedule.format}`;
    await options.mailer.send({
      to: schedule.recipients.join(', '),
      subject: `${schedule.name}: ${built.title}, ${built.range.from} to ${built.range.to}`,
      text: `Hello,\n\nattached is "${built.title}" from ${built.range.from} to ${built.range.to} (${built.range.timeZone}; the end date is not included).\n\n`
        + `This report is mailed ${describeCadence(schedule.cadence, schedule.timeZone).replace(/^./, (c) => c.toLowerCase())}; it is set up in Keel under Reports → Schedules.\n`,
      attachments: [{ filename, content, contentType: schedule.format === 'pdf' ? PDF : XLSX }],
    });
    await withTenant(db, { orgId }, (trx) => recordReportRun(trx, orgId, reportScheduleId, new Date(), null));
    return { mailed: true, recipients: schedule.recipients, filename, bytes: content.length, range: built.range };
  }

  return { sendScheduledReport };
}

export type ScheduledReportActivities = ReturnType<typeof createScheduledReportActivities>;

/** The file's bytes, or null (and the file's rows released) once it grows past `limit`. */
async function collect(file: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      file.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
