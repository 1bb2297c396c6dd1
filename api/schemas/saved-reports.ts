import { z } from 'zod';
import { CHART_TYPES } from '../../domain/metrics/charts';
import { DashboardLayout, SavedReportInput, SavedReportPatch } from '../../domain/metrics/saved-report';
import { MetricQueryBody } from './metric-query';
import { Uuid } from './common';

export const SavedReportBody = SavedReportInput.meta({ id: 'SavedReportInput' });
export const SavedReportPatchBody = SavedReportPatch.meta({ id: 'SavedReportPatch' });
export const DashboardLayoutBody = DashboardLayout.meta({ id: 'DashboardLayout' });
export const SavedReportParams = z.object({ id: Uuid });

export const SavedReportSchema = z.object({
  id: Uuid,
  name: z.string(),
  ownerId: Uuid,
  query: MetricQueryBody,
  chart: z.enum(CHART_TYPES),
  rangeDays: z.number().int().nullable(),
  shared: z.boolean(),
  /** Its place on the custom dashboard; null: not on it. */
  dashboardPosition: z.number().int().nullable(),
  updatedAt: z.string(),
}).meta({ id: 'SavedReport' });
