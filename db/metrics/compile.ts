import type { Knex } from 'knex';
import type { DatasetId } from '../../domain/metrics/datasets';
import type { Measure } from '../../domain/metrics/measures';
import type { AnyMetricPlan, Dimension, Filter, MetricPlan } from '../../domain/metrics/query';
import { SOURCES, type CategorySql, type Source } from './sources';

/** One select column per dimension (`d0`…), then per measure (`m0`…): the answer's order. */
export const dimensionAlias = (index: number) => `d${index}`;
export const measureAlias = (index: number) => `m${index}`;

/**
 * A plan as ONE parameterised statement: the SQL comes only from `SOURCES` (constant
 * fragments for whitelisted names); the org, the range, the time zone and every filter value
 * are bindings.
 */
export function compileMetricQuery(db: Knex, orgId: string, plan: AnyMetricPlan): Knex.QueryBuilder {
  return compile(db, orgId, SOURCES[plan.dataset] as Source<DatasetId>, plan as MetricPlan<DatasetId>);
}

/**
 * The rows a plan counts, before grouping: the dataset's table, the joins its names read
 * (and `alsoJoin`), the org, the range, the dataset's own condition and the filters.
 */
export function scopedRows<D extends DatasetId>(db: Knex, orgId: string, source: Source<D>, plan: MetricPlan<D>, alsoJoin: readonly string[] = []): Knex.QueryBuilder {
  const query = db.from(db.raw(source.from));
  for (const join of neededJoins(source, plan, alsoJoin)) query.joinRaw(source.joins[join]!);
  query.whereRaw(`${source.alias}.org_id = ?`, [orgId]);
  query.whereRaw(`${source.time} >= ? AND ${source.time} < ?`, [new Date(plan.from), new Date(plan.to)]);
  if (source.where) query.whereRaw(source.where);
  for (const filter of plan.filters) applyFilter(query, source, filter);
  return query;
}

function compile<D extends DatasetId>(db: Knex, orgId: string, source: Source<D>, plan: MetricPlan<D>): Knex.QueryBuilder {
  const query = scopedRows(db, orgId, source, plan);
  const groupBy: string[] = [];
  const orderBy: string[] = [];
  plan.dimensions.forEach(({ dimension }, index) => {
    const ordinal = index + 1;
    if (dimension.kind === 'bucket') {
      query.select(db.raw(`${bucketSql(source)} AS ??`, [dimension.bucket, plan.timeZone, dimensionAlias(index)]));
      groupBy.push(String(ordinal));
    } else {
      const category = categoryOf(source, dimension);
      query.select(db.raw(`${shownSql(category)} AS ??`, [dimensionAlias(index)]));
      groupBy.push(category.key, ...(category.label ? [category.label] : []));
    }
    orderBy.push(`${ordinal} NULLS LAST`);
  });
  plan.measures.forEach(({ measure }, index) => {
    query.select(db.raw(`${aggregate(source, measure)} AS ??`, [measureAlias(index)]));
  });
  if (groupBy.length > 0) {
    // Entity keys last: two records with one name stay two rows, in a stable order.
    query.groupByRaw(groupBy.join(', '));
    query.orderByRaw([...orderBy, ...groupBy.filter((term) => !/^\d+$/.test(term))].join(', '));
  }
  return query;
}

/** A time bucket's start date in the plan's zone; bindings: the bucket, the zone. */
export const bucketSql = (source: Source<DatasetId>) => `to_char(date_trunc(?, ${source.time} AT TIME ZONE ?), 'YYYY-MM-DD')`;

/** What the answer shows for a category: the record's name, or the value itself. */
export const shownSql = (category: CategorySql) => `(${category.label ?? category.key})::text`;

function aggregate<D extends DatasetId>(source: Source<D>, measure: Measure<D>): string {
  switch (measure.kind) {
    case 'count':
      return 'count(*)::int';
    case 'sum':
      return `sum(${source.numbers[measure.field].sql})::float8`;
    case 'avg':
      return `avg(${source.numbers[measure.field].sql})::float8`;
    case 'median':
      return `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${source.numbers[measure.field].sql})`;
    case 'p90':
      return `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${source.numbers[measure.field].sql})`;
    case 'rate':
      // The share of rows whose flag is known that have it: unknown rows count for nothing.
      return `avg((${source.flags[measure.flag].sql})::int)::float8`;
  }
}

function applyFilter<D extends DatasetId>(query: Knex.QueryBuilder, source: Source<D>, filter: Filter<D>): void {
  const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
  switch (filter.op) {
    case 'eq': {
      if (typeof filter.value === 'boolean') {
        query.whereRaw(`(${flagOf(source, filter.field).sql}) = ?`, [filter.value]);
        return;
      }
      const category = categoryOf(source, { kind: 'category', field: filter.field });
      if (filter.value === null) query.whereRaw(category.array ? `cardinality(${category.array}) = 0` : `${category.key} IS NULL`);
      else query.whereRaw(category.array ? `? = ANY(${category.array})` : `(${category.key})::text = ?`, [filter.value]);
      return;
    }
    case 'in': {
      const category = categoryOf(source, { kind: 'category', field: filter.field });
      const list = placeholders(filter.values.length);
      query.whereRaw(category.array ? `${category.array} && ARRAY[${list}]::text[]` : `(${category.key})::text IN (${list})`, filter.values);
      return;
    }
    case 'range': {
      const value = source.numbers[filter.field].sql;
      if (filter.from !== null) query.whereRaw(`${value} >= ?`, [filter.from]);
      if (filter.to !== null) query.whereRaw(`${value} <= ?`, [filter.to]);
      return;
    }
  }
}

export const categoryOf = <D extends DatasetId>(source: Source<D>, dimension: Extract<Dimension<D>, { kind: 'category' }>): CategorySql =>
  source.categories[dimension.field];

// A flag filter's field is a flag: the schema checked it (eq takes a boolean only on flags).
const flagOf = <D extends DatasetId>(source: Source<D>, field: string) => source.flags[field as keyof Source<D>['flags']];

/** The joins the plan's names read, in the order the source declares them. */
function neededJoins<D extends DatasetId>(source: Source<D>, plan: MetricPlan<D>, alsoJoin: readonly string[]): string[] {
  const needed = new Set<string>(alsoJoin);
  const add = (joins: readonly string[] | undefined) => joins?.forEach((join) => needed.add(join));
  for (const { dimension } of plan.dimensions) if (dimension.kind === 'category') add(categoryOf(source, dimension).joins);
  for (const { measure } of plan.measures) {
    if (measure.kind === 'rate') add(source.flags[measure.flag].joins);
    else if (measure.kind !== 'count') add(source.numbers[measure.field].joins);
  }
  for (const filter of plan.filters) {
    if (filter.op === 'range') add(source.numbers[filter.field].joins);
    else if (filter.op === 'eq' && typeof filter.value === 'boolean') add(flagOf(source, filter.field).joins);
    // Array dimensions filter on the array itself, without the row-per-value join.
    else if (!categoryOf(source, { kind: 'category', field: filter.field as never }).array) add(categoryOf(source, { kind: 'category', field: filter.field as never }).joins);
  }
  return Object.keys(source.joins).filter((join) => needed.has(join));
}
