import type { Readable } from 'node:stream';
import type { ChartType } from '../../domain/metrics/charts';

/**
 * One report in a file: a saved report, a builder query or one series of a dashboard widget.
 * `rows` opens its answer's row stream (`db/metrics` `openMetricRows`) when the file gets to it,
 * so a file of many sections holds one cursor at a time.
 */
export interface ReportSection {
  title: string;
  chart: ChartType;
  /** Lines under the title: the range, the zone, the filters. */
  details: string[];
  /** How many of `columns` are dimensions (the rest are measures). */
  dimensions: number;
  columns: string[];
  rows: () => Promise<Readable>;
}

/** A filter as a report file states it. */
export function describeFilter(filter: { op: string; field: string; value?: unknown; values?: unknown[]; from?: number | null; to?: number | null }): string {
  if (filter.op === 'in') return `${filter.field} in ${(filter.values ?? []).map(String).join(', ')}`;
  if (filter.op === 'range') {
    const from = filter.from ?? null;
    const to = filter.to ?? null;
    return from !== null && to !== null ? `${filter.field} from ${from} to ${to}` : from !== null ? `${filter.field} ≥ ${from}` : `${filter.field} ≤ ${to}`;
  }
  return `${filter.field} = ${filter.value === null ? '(none)' : String(filter.value)}`;
}

/** The details lines of a query: its range, zone and filters. */
export function queryDetails(query: { dataset: string; from: string; to: string; timeZone?: string; filters?: Parameters<typeof describeFilter>[0][] }): string[] {
  const filters = query.filters ?? [];
  return [
    `Dataset: ${query.dataset} · from ${query.from} to ${query.to} (${query.timeZone ?? 'UTC'}, end exclusive)`,
    `Filters: ${filters.length > 0 ? filters.map(describeFilter).join('; ') : 'none'}`,
  ];
}
