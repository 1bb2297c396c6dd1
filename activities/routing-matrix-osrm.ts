/**
 * Travel times from an OSRM-compatible router (OSRM itself, or anything answering its Table
 * service: `GET {base}/table/v1/{profile}/{lon,lat;...}?annotations=duration,distance`).
 * Large sets are split into blocks so no request exceeds the server's max-table-size.
 * Durations are seconds and distances meters, as the dispatch optimizer expects.
 */
import type { GeoPoint, MatrixProvider, TravelMatrix } from '../domain/routing';

export interface OsrmOptions {
  /** e.g. http://localhost:5000 */
  readonly baseUrl: string;
  readonly profile?: string;
  /** The server's --max-table-size (OSRM's default is 100 locations per request). */
  readonly maxTableSize?: number;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

/** What an unreachable pair costs: never chosen, yet finite so cost arithmetic stays sound. */
export const UNREACHABLE = 1e9;

interface TableAnswer {
  code: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

export class OsrmMatrixProvider implements MatrixProvider {
  constructor(private readonly options: OsrmOptions) {}

  async matrix(points: readonly GeoPoint[]): Promise<TravelMatrix> {
    const size = points.length;
    const duration = new Float64Array(size * size);
    const distance = new Float64Array(size * size);
    const block = Math.max(1, Math.floor((this.options.maxTableSize ?? 100) / 2));
    for (let from = 0; from < size; from += block) {
      for (let to = 0; to < size; to += block) {
        const sources = range(from, Math.min(size, from + block));
        const destinations = range(to, Math.min(size, to + block));
        const answer = await this.table(points, sources, destinations);
        sources.forEach((i, si) => destinations.forEach((j, dj) => {
          duration[i * size + j] = answer.durations?.[si]?.[dj] ?? UNREACHABLE;
          distance[i * size + j] = answer.distances?.[si]?.[dj] ?? UNREACHABLE;
        }));
      }
    }
    return { size, duration, distance };
  }

  /** One Table request over the union of a block of sources and a block of destinations. */
  private async table(points: readonly GeoPoint[], sources: number[], destinations: number[]): Promise<TableAnswer> {
    const locations = [...new Set([...sources, ...destinations])];
    const at = new Map(locations.map((p, k) => [p, k]));
    const coordinates = locations.map((p) => `${points[p]!.lon.toFixed(6)},${points[p]!.lat.toFixed(6)}`).join(';');
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}/table/v1/${this.options.profile ?? 'driving'}/${coordinates}`);
    url.searchParams.set('annotations', 'duration,distance');
    url.searchParams.set('sources', sources.map((p) => at.get(p)).join(';'));
    url.searchParams.set('destinations', destinations.map((p) => at.get(p)).join(';'));
    const response = await (this.options.fetch ?? fetch)(url, { signal: this.options.signal });
    const body = (await response.json().catch(() => ({ code: 'InvalidResponse' }))) as TableAnswer;
    if (!response.ok || body.code !== 'Ok') throw new Error(`OSRM table request failed: ${response.status} ${body.code} ${body.message ?? ''}`.trim());
    return body;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
