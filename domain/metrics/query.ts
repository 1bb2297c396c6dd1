import { z } from 'zod';
import { isTimeZone } from '../calendar/calendar';
import { DATASETS, DATASET_IDS, TIME_BUCKETS, type CategoryOf, type DatasetId, type FlagOf, type NumberOf, type TimeBucket } from './datasets';
import { measureNames, parseMeasure, type Measure, type MeasureName } from './measures';
import { rangeInstant } from './range';

/** A group-by: a time bucket of the dataset's time field, or one of its dimensions. */
export type DimensionName<D extends DatasetId> = TimeBucket | CategoryOf<D>;

export type Filter<D extends DatasetId> =
  | { op: 'eq'; field: CategoryOf<D>; value: string | null }
  | { op: 'eq'; field: FlagOf<D>; value: boolean }
  | { op: 'in'; field: CategoryOf<D>; values: [string, ...string[]] }
  | { op: 'range'; field: NumberOf<D>; from: number | null; to: number | null };

export type Dimension<D extends DatasetId> =
  | { kind: 'bucket'; bucket: TimeBucket }
  | { kind: 'category'; field: CategoryOf<D> };

/**
 * A validated query, ready to compile: names only from the dataset's own lists (the type
 * ties every field to its dataset and every filter to a field of the right kind), a range
 * that is not backwards, and the columns in the order the answer gives them.
 */
export interface MetricPlan<D extends DatasetId> {
  dataset: D;
  dimensions: { name: DimensionName<D>; dimension: Dimension<D> }[];
  measures: [{ name: MeasureName<D>; measure: Measure<D> }, ...{ name: MeasureName<D>; measure: Measure<D> }[]];
  filters: Filter<D>[];
  /** Epoch milliseconds of the dataset's time field: `from` inclusive, `to` exclusive. */
  from: number;
  to: number;
  timeZone: string;
}

export type AnyMetricPlan = { [D in DatasetId]: MetricPlan<D> }[DatasetId];

const RangeValue = z.iso.datetime({ offset: true }).or(z.iso.date());
const Id = z.string().min(1).max(200);

function datasetQuery<D extends DatasetId>(dataset: D) {
  const { dimensions, numbers, flags } = DATASETS[dataset] as { dimensions: readonly string[]; numbers: readonly string[]; flags: readonly string[] };
  // Enums, so the OpenAPI document lists each dataset's names.
  const oneOf = (names: readonly string[], what: string) => {
    const error = `Not a ${what} of ${dataset}: use one of ${names.join(', ') || '(none)'}.`;
    return z.enum(names as [string, ...string[]], { error });
  };
  const eq = z.object({ op: z.literal('eq'), field: oneOf([...dimensions, ...flags], 'dimension or flag'), value: z.union([Id, z.null(), z.boolean()]) })
    .refine((f) => flags.includes(f.field) === (typeof f.value === 'boolean'), { message: 'A flag takes true or false; a dimension takes an id, a value or null.', path: ['value'] });
  const within = z.object({ op: z.literal('in'), field: oneOf(dimensions, 'dimension'), values: z.array(Id).min(1).max(100) });
  // A dataset without number fields has no range filter at all.
  const range = z.object({ op: z.literal('range'), field: oneOf(numbers, 'number field'), from: z.number().nullable().default(null), to: z.number().nullable().default(null) })
    .refine((f) => f.from !== null || f.to !== null, { message: 'Give from, to or both.', path: ['from'] })
    .refine((f) => f.from === null || f.to === null || f.from <= f.to, { message: 'from must not be after to.', path: ['to'] });
  const filter = numbers.length > 0 ? z.discriminatedUnion('op', [eq, within, range]) : z.discriminatedUnion('op', [eq, within]);
  return z.object({
    dataset: z.literal(dataset),
    measures: z.array(oneOf(measureNames(dataset), 'measure')).min(1).max(12)
      .refine(unique, { message: 'A measure is listed twice.' }),
    dimensions: z.array(oneOf([...TIME_BUCKETS, ...dimensions], 'dimension')).max(4).default([])
      .refine(unique, { message: 'A dimension is listed twice.' })
      .refine((names) => names.filter((name) => (TIME_BUCKETS as readonly string[]).includes(name)).length <= 1, { message: 'At most one time bucket (day, week or month).' }),
    filters: z.array(filter).max(20).default([]),
    from: RangeValue,
    to: RangeValue,
    /** IANA zone for time buckets and date-only from / to (the org has no zone setting yet). */
    timeZone: z.string().max(64).refine(isTimeZone, 'Not an IANA time zone.').default('UTC'),
  }).refine((q) => !isTimeZone(q.timeZone) || rangeInstant(q.from, q.timeZone) < rangeInstant(q.to, q.timeZone), { message: 'from must be before to.', path: ['to'] });
}

const unique = (names: readonly string[]) => new Set(names).size === names.length;

/** The body of `POST /reports/query`: one shape per dataset. */
export const MetricQuery = z.discriminatedUnion('dataset', DATASET_IDS.map(datasetQuery) as unknown as [ReturnType<typeof datasetQuery<'tickets'>>]);
export type MetricQueryInput = z.input<typeof MetricQuery>;

/**
 * A query the schema accepted, as a plan. The casts only restate what the schema checked:
 * every name is from `dataset`'s lists.
 */
export function planMetricQuery(query: z.output<typeof MetricQuery>): AnyMetricPlan {
  const dataset = query.dataset as DatasetId;
  const buckets = TIME_BUCKETS as readonly string[];
  const [first, ...rest] = query.measures.map((name) => ({ name, measure: parseMeasure(name as MeasureName<DatasetId>) }));
  return {
    dataset,
    dimensions: query.dimensions.map((name) => ({
      name,
      dimension: buckets.includes(name) ? { kind: 'bucket', bucket: name as TimeBucket } : { kind: 'category', field: name },
    })),
    measures: [first!, ...rest],
    filters: query.filters.map((filter) => (filter.op === 'in' ? { ...filter, values: filter.values as [string, ...string[]] } : filter)),
    from: rangeInstant(query.from, query.timeZone),
    to: rangeInstant(query.to, query.timeZone),
    timeZone: query.timeZone,
  } as AnyMetricPlan;
}

/** The answer's column names: the dimensions, then the measures, as they were asked for. */
export const columnsOf = (plan: AnyMetricPlan): string[] => [...plan.dimensions.map((d) => d.name), ...plan.measures.map((m) => m.name)];
