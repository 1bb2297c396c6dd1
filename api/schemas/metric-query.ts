import { z } from 'zod';
import { MetricQuery } from '../../domain/metrics/query';

export const MetricQueryBody = MetricQuery.meta({ id: 'MetricQuery' });

export const MetricAnswer = z
  .object({
    /** The dimensions', then the measures' names, as asked for. */
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'MetricAnswer' });
