/**
 * The metric layer's vocabulary: what each dataset's rows are, what they may be grouped and
 * filtered by, and what may be measured over them. Only names listed here ever reach SQL
 * (`db/metrics/` holds one SQL expression per name, checked complete by the compiler).
 *
 * - `dimensions`: categorical; group by them, filter them with `eq` / `in`.
 *   Entity dimensions (team, assignee, company, technician, policy, actor) group by the
 *   record and show its name; filters on them take the record's id.
 * - `numbers`: measured with sum / avg / median / p90, filtered with `range` (from ≤ value ≤ to).
 * - `flags`: true / false / unknown per row; measured with `rate` (the share of known rows
 *   that are true), filtered with `eq`.
 * Every dataset also has `count` and the time buckets of its `time` field.
 */
export const DATASETS = {
  tickets: {
    label: 'Tickets',
    time: 'created',
    dimensions: ['team', 'assignee', 'channel', 'priority', 'status', 'tag', 'company'],
    // Business seconds from the SLA clocks the ticket's clock workflow recorded (met clocks
    // only: a ticket without a policy, or not yet answered, has none); calendar seconds from
    // the ticket's own timestamps.
    numbers: ['first_response_seconds', 'resolution_seconds', 'resolution_calendar_seconds'],
    flags: ['solved', 'reopened', 'sla_breached'],
  },
  ticket_events: {
    label: 'Ticket timeline events',
    time: 'created',
    dimensions: ['type', 'actor', 'team', 'priority', 'channel'],
    numbers: [],
    flags: [],
  },
  sla_clocks: {
    label: 'SLA clocks',
    time: 'started',
    dimensions: ['target', 'outcome', 'policy', 'team', 'priority', 'channel'],
    numbers: ['business_seconds', 'target_seconds'],
    // within_target: met → true, breached → false, still open or cancelled → unknown; its
    // rate is the SLA report's compliance.
    flags: ['within_target', 'breached'],
  },
  ratings: {
    label: 'Service ratings',
    time: 'reported',
    dimensions: ['rating', 'technician', 'company', 'priority'],
    numbers: ['rating'],
    flags: ['satisfied'],
  },
  work_orders: {
    label: 'Work orders',
    time: 'created',
    dimensions: ['status', 'priority', 'source', 'technician', 'company'],
    numbers: ['on_site_seconds', 'completion_seconds'],
    flags: ['completed', 'on_time_arrival'],
  },
} as const satisfies Record<string, DatasetDefinition>;

export interface DatasetDefinition {
  label: string;
  /** The instant `from` / `to` and the time buckets go by. */
  time: string;
  dimensions: readonly string[];
  numbers: readonly string[];
  flags: readonly string[];
}

export type DatasetId = keyof typeof DATASETS;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

export const TIME_BUCKETS = ['day', 'week', 'month'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export type CategoryOf<D extends DatasetId> = (typeof DATASETS)[D]['dimensions'][number];
export type NumberOf<D extends DatasetId> = (typeof DATASETS)[D]['numbers'][number];
export type FlagOf<D extends DatasetId> = (typeof DATASETS)[D]['flags'][number];
