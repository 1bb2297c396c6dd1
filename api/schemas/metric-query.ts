import { z } from 'zod';
import { DrillDownRequest } from '../../domain/metrics/drill-down';
import { MetricQuery } from '../../domain/metrics/query';

export const MetricQueryBody = MetricQuery.meta({ id: 'MetricQuery' });

export const MetricAnswer = z
  .object({
    /** The dimensions', then the measures' names, as asked for. */
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'MetricAnswer' });

export const DrillDownBody = DrillDownRequest.meta({ id: 'DrillDownRequest' });

export const DrillDownAnswer = z
  .object({
    /** `ticket` or `work_order` (the record's number), then subject or title, status, priority, at. */
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'DrillDownAnswer' });
