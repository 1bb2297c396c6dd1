import { z } from 'zod';
import { TIME_BUCKETS } from './datasets';
import { MetricQuery, planMetricQuery, type AnyMetricPlan } from './query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const JSON_ROW_LIMIT = 1000;

/**
 * A click on a chart: the chart's own query and the clicked group's value for each of its
 * dimensions, in the query's order (what the answer's row showed: a bucket's date, a
 * record's name, a value; null for "none"). The records behind it are the rows the query's
 * `count` counted for that group. `limit` caps a JSON answer only: a file export holds them all.
 */
export const DrillDownRequest = z.object({
  query: MetricQuery,
  at: z.array(z.string().max(200).nullable()).max(4).default([]),
  limit: z.number().int().min(1).max(JSON_ROW_LIMIT).default(200),
}).superRefine(({ query, at }, context) => {
  if (at.length !== query.dimensions.length) {
    context.addIssue({ code: 'custom', path: ['at'], message: `Give one value per dimension of the query (${query.dimensions.length}).` });
    return;
  }
  query.dimensions.forEach((name, index) => {
    const value = at[index];
    if ((TIME_BUCKETS as readonly string[]).includes(name) && (value === null || !DAY.test(value!))) {
      context.addIssue({ code: 'custom', path: ['at', index], message: `A ${name} bucket is the date it starts (YYYY-MM-DD).` });
    }
  });
});
export type DrillDownInput = z.input<typeof DrillDownRequest>;

/** The query's plan and, per dimension, the one value the records must have. */
export interface DrillDownPlan {
  plan: AnyMetricPlan;
  at: (string | null)[];
  limit: number;
}

export function planDrillDown(request: z.output<typeof DrillDownRequest>): DrillDownPlan {
  return { plan: planMetricQuery(request.query), at: request.at, limit: request.limit };
}
