import { z } from 'zod';
import { CHART_TYPES } from './charts';
import { MetricQuery } from './query';

/**
 * A report as the builder saves it: its query (the body of `POST /reports/query`), its chart,
 * and `rangeDays` (the last that many days whenever it is opened; null: the query's own range).
 * `shared`: every reader of the org sees it; otherwise only its author.
 */
export const SavedReportInput = z.object({
  name: z.string().trim().min(1).max(200),
  query: MetricQuery,
  chart: z.enum(CHART_TYPES),
  rangeDays: z.number().int().min(1).max(3660).nullable().default(30),
  shared: z.boolean().default(false),
});
export type SavedReportInput = z.output<typeof SavedReportInput>;

export const SavedReportPatch = z.object({
  name: z.string().trim().min(1).max(200),
  query: MetricQuery,
  chart: z.enum(CHART_TYPES),
  rangeDays: z.number().int().min(1).max(3660).nullable(),
  shared: z.boolean(),
}).partial().refine((patch) => Object.keys(patch).length > 0, { message: 'Change at least one field.' });

/** The reports on the custom dashboard, in order; reports not listed leave it. */
export const DashboardLayout = z.object({
  reportIds: z.array(z.uuid()).max(50).refine((ids) => new Set(ids).size === ids.length, { message: 'A report is listed twice.' }),
});

/** Who may change or delete a saved report: its author, or an org's owner or admin. */
export const mayEditReport = (report: { ownerId: string }, caller: { userId: string; role: string }) =>
  report.ownerId === caller.userId || caller.role === 'owner' || caller.role === 'admin';
