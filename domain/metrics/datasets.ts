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
    // age: how long ago the ticket was opened, in bands (`AGE_BANDS`), for the backlog.
    dimensions: ['team', 'assignee', 'channel', 'priority', 'status', 'tag', 'company', 'age'],
    // Business seconds from the SLA clocks the ticket's clock workflow recorded (met clocks
    // only: a ticket without a policy, or not yet answered, has none); calendar seconds from
    // the ticket's own timestamps.
    numbers: ['first_response_seconds', 'resolution_seconds', 'resolution_calendar_seconds'],
    flags: ['solved', 'reopened', 'sla_breached'],
  },
  ticket_events: {
    label: 'Ticket timeline events',
    time: 'created',
    // to_status: the status a `status_changed` event moved to (none for other events), so
    // "solved per day" is the events that moved a ticket to solved.
    dimensions: ['type', 'to_status', 'actor', 'team', 'priority', 'channel'],
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
    // first_time_fix: a finished work order that no later work order on the same ticket or
    // asset followed within `REVISIT_DAYS` of its completion (unknown while unfinished).
    flags: ['completed', 'on_time_arrival', 'first_time_fix'],
  },
  rule_firings: {
    label: 'Automation rule firings',
    time: 'fired',
    dimensions: ['rule', 'event_type', 'priority', 'team'],
    numbers: [],
    flags: [],
  },
} as const satisfies Record<string, DatasetDefinition>;

/**
 * The backlog's age bands: a ticket opened less than `underDays` ago falls in the first band
 * that holds it. Labels sort youngest first, as the answer orders them.
 */
export const AGE_BANDS = [
  { label: '0-1 days', underDays: 1 },
  { label: '1-3 days', underDays: 3 },
  { label: '3-7 days', underDays: 7 },
  { label: '7-30 days', underDays: 30 },
  { label: 'over 30 days', underDays: null },
] as const;

/** How long after a completed work order a revisit still counts against its first-time fix. */
export const REVISIT_DAYS = 30;

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
