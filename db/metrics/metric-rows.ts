import { Readable } from 'node:stream';
import type { AnyMetricPlan } from '../../domain/metrics/query';
import type { Db } from '../connection';
import { withTenant, type TenantScope } from '../tenant';
import { compileMetricQuery, dimensionAlias, measureAlias } from './compile';

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
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const aliases = [...plan.dimensions.map((_, i) => dimensionAlias(i)), ...plan.measures.map((_, i) => measureAlias(i))];
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
      const { sql, bindings } = compileMetricQuery(trx, scope.orgId, plan).toSQL();
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
