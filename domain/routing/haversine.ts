import type { TravelMatrix } from './matrix';

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface HaversineOptions {
  /** Average door-to-door speed; 40 km/h is a fair urban default. */
  readonly speedMetersPerSecond?: number;
  /** Roads are longer than great circles: distances are multiplied by this. */
  readonly detourFactor?: number;
}

/**
 * The default matrix when no road router is configured: great-circle distance times a detour
 * factor, driven at a set speed. Durations are in seconds, distances in meters.
 */
export function haversineMatrix(points: readonly GeoPoint[], options: HaversineOptions = {}): TravelMatrix {
  const speed = options.speedMetersPerSecond ?? 40_000 / 3600;
  const detour = options.detourFactor ?? 1.3;
  const size = points.length;
  const distance = new Float64Array(size * size);
  const duration = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const meters = haversineMeters(points[i]!, points[j]!) * detour;
      distance[i * size + j] = meters;
      duration[i * size + j] = meters / speed;
    }
  }
  return { size, duration, distance };
}
