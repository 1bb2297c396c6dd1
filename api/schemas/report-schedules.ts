import { z } from 'zod';
import { Cadence, REPORT_FILE_FORMATS, ReportScheduleInput, ReportSchedulePatch, ReportSource } from '../../domain/metrics/report-schedule';
import { Uuid } from './common';

export const ReportScheduleBody = ReportScheduleInput.meta({ id: 'ReportScheduleInput' });
export const ReportSchedulePatchBody = ReportSchedulePatch.meta({ id: 'ReportSchedulePatch' });
export const ReportScheduleParams = z.object({ id: Uuid });

export const ReportScheduleSchema = z.object({
  id: Uuid,
  name: z.string(),
  source: ReportSource,
  format: z.enum(REPORT_FILE_FORMATS),
  recipients: z.array(z.string()),
  cadence: Cadence,
  timeZone: z.string(),
  paused: z.boolean(),
  /** "Weekly on Monday at 08:00 (Europe/Paris)". */
  description: z.string(),
  /** The Temporal Schedule id (`{orgId}/report/{id}`), as the Temporal UI shows it. */
  scheduleId: z.string(),
  /** The next mailing times (none while paused). */
  nextRuns: z.array(z.string()),
  createdBy: Uuid,
  lastRunAt: z.string().nullable(),
  /** Why the latest run mailed nothing; null when it was mailed (or never ran). */
  lastRunError: z.string().nullable(),
  updatedAt: z.string(),
}).meta({ id: 'ReportSchedule' });

export const ReportRunSchema = z.object({
  mailed: z.boolean(),
  recipients: z.array(z.string()),
  filename: z.string().nullable(),
  bytes: z.number().int(),
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }).nullable(),
  reason: z.string().optional(),
}).meta({ id: 'ReportRun' });
