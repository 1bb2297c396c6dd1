import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { DrillDownPlan } from '../../domain/metrics/drill-down';
import type { AnyMetricPlan } from '../../domain/metrics/query';
import type { Db } from '../connection';
import { withTenant, type TenantScope } from '../tenant';
import { compileMetricQuery, dimensionAlias, measureAlias } from './compile';
import { DRILL_DOWN_ALIASES, compileDrillDown } from './drill-down';

/** One answer row: the dimensions' values, then the measures', as `columnsOf(plan)` names them. */
export type MetricRow = (string | number | null)[];

const DEFAULT_BATCH = 1_000;

/**
 * A plan's rows as an object-mode stream of `MetricRow`s, read through a server-side cursor
 * in one tenant transaction (row-level security applies): at most one batch is read ahead
 * of what the consumer took, and a destroyed stream ends the transaction. Resolves once the
 * statement is planned and its first batch read, so a failing query rejects here, before
 * anything is sent.
 */
export function openMetricRows(db: Db, scope: TenantScope, plan: AnyMetricPlan, options: { batchSize?: number } = {}): Promise<Readable> {
  const aliases = [...plan.dimensions.map((_, i) => dimensionAlias(i)), ...plan.measures.map((_, i) => measureAlias(i))];
  return openCursorRows(db, scope, (trx) => compileMetricQuery(trx, scope.orgId, plan), aliases, options.batchSize ?? DEFAULT_BATCH);
}

/** The records behind one group of a chart (`compileDrillDown`), streamed the same way; `limit` null: all. */
export function openDrillDownRows(db: Db, scope: TenantScope, drill: DrillDownPlan, limit: number | null): Promise<Readable> {
  return openCursorRows(db, scope, (trx) => compileDrillDown(trx, scope.orgId, drill, limit), DRILL_DOWN_ALIASES, DEFAULT_BATCH);
}

function openCursorRows(db: Db, scope: TenantScope, statement: (trx: Knex.Transaction) => Knex.QueryBuilder, aliases: readonly string[], batchSize: number): Promise<Readable> {
  let demand: (() => void) | null = null;
  let wanted = true;
  const stream = new Readable({
    objectMode: true,
    highWaterMark: batchSize,
    read() {
      wanted = true;
      demand?.();
    },
    destroy(error, callback) {
      demand?.();
      callback(error);
    },
  });
  const whenWanted = () => (wanted || stream.destroyed ? Promise.resolve() : new Promise<void>((resolve) => { demand = resolve; }));

  return new Promise<Readable>((opened, failed) => {
    let started = false;
    withTenant(db, scope, async (trx) => {
      const { sql, bindings } = statement(trx).toSQL();
      // The compiled statement's placeholders stay placeholders: its values travel as bindings.
      await trx.raw(`DECLARE metric_rows NO SCROLL CURSOR FOR ${sql}`, bindings);
      for (;;) {
        const { rows } = (await trx.raw(`FETCH ${batchSize} FROM metric_rows`)) as { rows: Record<string, string | number | null>[] };
        if (!started) {
          started = true;
          opened(stream);
        }
        if (stream.destroyed) return;
        if (rows.length === 0) break;
        wanted = false;
        demand = null;
        for (const row of rows) stream.push(aliases.map((alias) => row[alias] ?? null));
        await whenWanted();
        if (stream.destroyed) return;
      }
      stream.push(null);
    }).catch((error: unknown) => {
      if (!started) failed(error);
      else stream.destroy(error as Error);
    });
  });
}
