/**
 * Travel between locations, as dense row-major arrays: the search reads them millions of
 * times, so they are plain typed arrays rather than a function call per pair.
 */
export interface TravelMatrix {
  readonly size: number;
  /** duration[i * size + j]: travel time from location i to j, in the problem's time unit. */
  readonly duration: Float64Array;
  /** distance[i * size + j]: travel distance (the cost the optimizer minimises). */
  readonly distance: Float64Array;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Plane coordinates, Euclidean in double precision; travel time equals distance (Solomon). */
export function euclideanMatrix(points: readonly Point[]): TravelMatrix {
  const size = points.length;
  const distance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const p = points[i]!;
      const q = points[j]!;
      distance[i * size + j] = Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);
    }
  }
  return { size, duration: distance, distance };
}

/** Builds a matrix from nested rows (as an OSRM table answer gives them). */
export function matrixFromRows(durations: readonly (readonly number[])[], distances?: readonly (readonly number[])[]): TravelMatrix {
  const size = durations.length;
  const flatten = (rows: readonly (readonly number[])[]) => {
    const out = new Float64Array(size * size);
    rows.forEach((row, i) => {
      if (row.length !== size) throw new Error(`matrix row ${i} has ${row.length} entries, expected ${size}`);
      row.forEach((value, j) => (out[i * size + j] = value));
    });
    return out;
  };
  const duration = flatten(durations);
  return { size, duration, distance: distances ? flatten(distances) : duration };
}
