import { haversineMatrix, type GeoPoint, type HaversineOptions } from './haversine';
import type { TravelMatrix } from './matrix';

/**
 * Where travel times come from. The optimizer itself only sees a TravelMatrix; a dispatch
 * activity asks a provider for one first (haversine here, or the OSRM-compatible HTTP
 * provider in activities/routing-matrix-osrm.ts, which does I/O and so lives outside domain/).
 */
export interface MatrixProvider {
  matrix(points: readonly GeoPoint[]): Promise<TravelMatrix>;
}

export class HaversineMatrixProvider implements MatrixProvider {
  constructor(private readonly options: HaversineOptions = {}) {}

  matrix(points: readonly GeoPoint[]): Promise<TravelMatrix> {
    return Promise.resolve(haversineMatrix(points, this.options));
  }
}
