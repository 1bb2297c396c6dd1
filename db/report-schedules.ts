import type { Knex } from 'knex';
import type { Cadence, ReportFileFormat, ReportScheduleInput, ReportSchedulePatch, ReportSource } from '../domain/metrics/report-schedule';
import { ReportSchedule } from './models';

/** A scheduled report as the API shows it (its Temporal Schedule's next runs are added by the API). */
export interface ReportScheduleView {
  id: string;
  name: string;
  source: ReportSource;
  format: ReportFileFormat;
  recipients: string[];
  cadence: Cadence;
  timeZone: string;
  paused: boolean;
  createdBy: string;
  lastRunAt: string | null;
  lastRunError: string | null;
  updatedAt: string;
}

export const scheduleView = (row: ReportSchedule): ReportScheduleView => ({
  id: row.id,
  name: row.name,
  source: row.saved_report_id ? { kind: 'saved', reportId: row.saved_report_id } : { kind: 'dashboard', dashboardId: row.dashboard_id! },
  format: row.format,
  recipients: row.recipients,
  cadence: row.cadence as Cadence,
  timeZone: row.time_zone,
  paused: row.paused,
  createdBy: row.created_by,
  lastRunAt: row.last_run_at ? new Date(row.last_run_at).toISOString() : null,
  lastRunError: row.last_run_error,
  updatedAt: new Date(row.updated_at).toISOString(),
});

const sourceColumns = (source: ReportSource) =>
  source.kind === 'saved' ? { saved_report_id: source.reportId, dashboard_id: null } : { saved_report_id: null, dashboard_id: source.dashboardId };

export async function listReportSchedules(trx: Knex.Transaction, orgId: string): Promise<ReportScheduleView[]> {
  return (await ReportSchedule.query(trx).where({ org_id: orgId }).orderBy('name').orderBy('id')).map(scheduleView);
}

export async function findReportSchedule(trx: Knex.Transaction, orgId: string, id: string): Promise<ReportScheduleView | null> {
  const row = await ReportSchedule.query(trx).findOne({ org_id: orgId, id });
  return row ? scheduleView(row) : null;
}

/** The ids of the schedules that mail one saved report (deleted with it). */
export async function schedulesOfSavedReport(trx: Knex.Transaction, orgId: string, reportId: string): Promise<string[]> {
  return (await ReportSchedule.query(trx).where({ org_id: orgId, saved_report_id: reportId }).select('id')).map((row) => row.id);
}

export async function insertReportSchedule(trx: Knex.Transaction, orgId: string, createdBy: string, id: string, input: ReportScheduleInput): Promise<ReportScheduleView> {
  const row = await ReportSchedule.query(trx).insert({
    org_id: orgId, id, name: input.name, ...sourceColumns(input.source), format: input.format, recipients: input.recipients,
    cadence: input.cadence, time_zone: input.timeZone, paused: input.paused, created_by: createdBy,
  }).returning('*');
  return scheduleView(row as unknown as ReportSchedule);
}

export async function updateReportSchedule(trx: Knex.Transaction, orgId: string, id: string, patch: ReportSchedulePatch): Promise<ReportScheduleView | null> {
  const row = await ReportSchedule.query(trx).where({ org_id: orgId, id }).patch({
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.source !== undefined && sourceColumns(patch.source)),
    ...(patch.format !== undefined && { format: patch.format }),
    ...(patch.recipients !== undefined && { recipients: patch.recipients }),
    ...(patch.cadence !== undefined && { cadence: patch.cadence }),
    ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
    updated_at: new Date(),
  }).returning('*').first();
  return row ? scheduleView(row as unknown as ReportSchedule) : null;
}

export async function setReportSchedulePaused(trx: Knex.Transaction, orgId: string, id: string, paused: boolean): Promise<ReportScheduleView | null> {
  const row = await ReportSchedule.query(trx).where({ org_id: orgId, id }).patch({ paused, updated_at: new Date() }).returning('*').first();
  return row ? scheduleView(row as unknown as ReportSchedule) : null;
}

export async function deleteReportSchedule(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await ReportSchedule.query(trx).where({ org_id: orgId, id }).delete();
}

/** A run's outcome, written by the run's activity: when, and why it failed (null: mailed). */
export async function recordReportRun(trx: Knex.Transaction, orgId: string, id: string, at: Date, error: string | null): Promise<void> {
  await ReportSchedule.query(trx).where({ org_id: orgId, id }).patch({ last_run_at: at, last_run_error: error });
}
