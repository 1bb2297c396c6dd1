import { describe, expect, it } from 'vitest';
import { OsrmMatrixProvider, UNREACHABLE } from '../../activities/routing-matrix-osrm';
import { haversineMeters, type GeoPoint } from '../../domain/routing';

const POINTS: GeoPoint[] = [
  { lat: 52.52, lon: 13.405 },
  { lat: 52.5, lon: 13.42 },
  { lat: 52.53, lon: 13.38 },
  { lat: 52.51, lon: 13.39 },
  { lat: 52.54, lon: 13.41 },
];

/** A stand-in OSRM server: answers the Table service from haversine, 10 m/s. */
function fakeOsrm(calls: URL[], unreachable?: [number, number]): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    calls.push(url);
    const coords = url.pathname.split('/').pop()!.split(';').map((c) => c.split(',').map(Number));
    const pts = coords.map(([lon, lat]) => ({ lat: lat!, lon: lon! }));
    const sources = url.searchParams.get('sources')!.split(';').map(Number);
    const destinations = url.searchParams.get('destinations')!.split(';').map(Number);
    const distances = sources.map((s) => destinations.map((d) => haversineMeters(pts[s]!, pts[d]!)));
    const durations = distances.map((row, si) => row.map((m, dj) => (unreachable && pts[sources[si]!]!.lat === POINTS[unreachable[0]]!.lat && pts[destinations[dj]!]!.lat === POINTS[unreachable[1]]!.lat ? null : m / 10)));
    return new Response(JSON.stringify({ code: 'Ok', durations, distances }), { status: 200 });
  }) as typeof fetch;
}

describe('OSRM matrix provider', () => {
  it('assembles a full matrix from blocks no larger than the table size', async () => {
    const calls: URL[] = [];
    const provider = new OsrmMatrixProvider({ baseUrl: 'http://osrm.test/', maxTableSize: 4, fetch: fakeOsrm(calls) });
    const m = await provider.matrix(POINTS);
    expect(m.size).toBe(5);
    expect(calls.length).toBe(9);
    for (const url of calls) expect(url.pathname.split('/').pop()!.split(';').length).toBeLessThanOrEqual(4);
    expect(calls[0]!.pathname).toMatch(/^\/table\/v1\/driving\//);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        expect(m.distance[i * 5 + j]).toBeCloseTo(haversineMeters(POINTS[i]!, POINTS[j]!), 0);
        expect(m.duration[i * 5 + j]).toBeCloseTo(m.distance[i * 5 + j]! / 10, 1);
      }
    }
  });

  it('marks unreachable pairs with a prohibitive cost', async () => {
    const provider = new OsrmMatrixProvider({ baseUrl: 'http://osrm.test', fetch: fakeOsrm([], [1, 2]) });
    const m = await provider.matrix(POINTS);
    expect(m.duration[1 * 5 + 2]).toBe(UNREACHABLE);
  });

  it('reports a failed request', async () => {
    const failing = (async () => new Response(JSON.stringify({ code: 'InvalidQuery', message: 'bad' }), { status: 400 })) as typeof fetch;
    await expect(new OsrmMatrixProvider({ baseUrl: 'http://osrm.test', fetch: failing }).matrix(POINTS)).rejects.toThrow(/InvalidQuery/);
  });
});
