import type { Knex } from 'knex';
import type { DatasetId } from '../../domain/metrics/datasets';
import type { DrillDownPlan } from '../../domain/metrics/drill-down';
import type { MetricPlan } from '../../domain/metrics/query';
import { bucketSql, categoryOf, scopedRows, shownSql } from './compile';
import { SOURCES, type Source } from './sources';

/** The drill-down answer's columns: the record's number (named for its kind), then these. */
export const drillDownColumns = (dataset: DatasetId): string[] => {
  const kind = SOURCES[dataset].record.kind;
  return [kind, kind === 'ticket' ? 'subject' : 'title', 'status', 'priority', 'at'];
};
export const DRILL_DOWN_ALIASES = ['r0', 'r1', 'r2', 'r3', 'r4'] as const;

/**
 * The rows one group of a chart counted, one per row of the dataset: the same scoped rows as
 * the chart's statement (`scopedRows`: joins, org, range, filters), narrowed to the group's
 * value of each dimension as the answer showed it, newest first. `limit` null: all of them.
 */
export function compileDrillDown(db: Knex, orgId: string, drill: DrillDownPlan, limit: number | null): Knex.QueryBuilder {
  const plan = drill.plan as MetricPlan<DatasetId>;
  const source = SOURCES[plan.dataset] as Source<DatasetId>;
  const { record } = source;
  const query = scopedRows(db, orgId, source, plan, record.joins);
  plan.dimensions.forEach(({ dimension }, index) => {
    const value = drill.at[index] ?? null;
    if (dimension.kind === 'bucket') {
      query.whereRaw(`${bucketSql(source)} = ?`, [dimension.bucket, plan.timeZone, value]);
      return;
    }
    const shown = shownSql(categoryOf(source, dimension));
    if (value === null) query.whereRaw(`${shown} IS NULL`);
    else query.whereRaw(`${shown} = ?`, [value]);
  });
  const [number, title, status, priority, at] = DRILL_DOWN_ALIASES;
  query.select(
    db.raw(`${record.number} AS ??`, [number]),
    db.raw(`${record.title} AS ??`, [title]),
    db.raw(`${record.status} AS ??`, [status]),
    db.raw(`${record.priority} AS ??`, [priority]),
    db.raw(`to_char(${source.time} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ??`, [at]),
  );
  query.orderByRaw(`${source.time} DESC, ${record.number} DESC`);
  if (limit !== null) query.limit(limit);
  return query;
}
