import { DATASETS, type DatasetId, type FlagOf, type NumberOf } from './datasets';

/** Aggregations over a dataset's number fields. */
export const NUMBER_AGGREGATIONS = ['sum', 'avg', 'median', 'p90'] as const;
export type NumberAggregation = (typeof NUMBER_AGGREGATIONS)[number];

/**
 * A measure, as the API names it: `count`, `<sum|avg|median|p90>:<number field>` or
 * `rate:<flag>`. The name is also the answer's column.
 */
export type MeasureName<D extends DatasetId> =
  | 'count'
  | `${NumberAggregation}:${NumberOf<D>}`
  | `rate:${FlagOf<D>}`;

/** A measure taken apart: what the SQL compiler switches on. */
export type Measure<D extends DatasetId> =
  | { kind: 'count' }
  | { kind: NumberAggregation; field: NumberOf<D> }
  | { kind: 'rate'; flag: FlagOf<D> };

/** Every measure a dataset offers, in a stable order. */
export function measureNames<D extends DatasetId>(dataset: D): MeasureName<D>[] {
  const { numbers, flags } = DATASETS[dataset] as { numbers: readonly NumberOf<D>[]; flags: readonly FlagOf<D>[] };
  return [
    'count',
    ...numbers.flatMap((field) => NUMBER_AGGREGATIONS.map((kind) => `${kind}:${field}` as MeasureName<D>)),
    ...flags.map((flag) => `rate:${flag}` as MeasureName<D>),
  ];
}

/** Takes apart a name `measureNames` listed. */
export function parseMeasure<D extends DatasetId>(name: MeasureName<D>): Measure<D> {
  if (name === 'count') return { kind: 'count' };
  const [kind, field] = name.split(':') as [NumberAggregation | 'rate', string];
  return kind === 'rate' ? { kind, flag: field as FlagOf<D> } : { kind, field: field as NumberOf<D> };
}
