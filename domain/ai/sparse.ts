/** A sparse feature vector: parallel arrays of feature indices and their values. */
export interface SparseVector {
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

/** From a map of index → value, scaled to unit Euclidean length (empty stays empty). */
export function unitVector(counts: ReadonlyMap<number, number>): SparseVector {
  let norm = 0;
  for (const v of counts.values()) norm += v * v;
  norm = Math.sqrt(norm);
  const indices: number[] = [];
  const values: number[] = [];
  for (const [j, v] of counts) {
    if (v === 0) continue;
    indices.push(j);
    values.push(v / norm);
  }
  return { indices, values };
}

/** Concatenates vectors whose indices do not overlap, each scaled by its weight. */
export function concatVectors(parts: readonly { vector: SparseVector; weight: number }[]): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  for (const { vector, weight } of parts) {
    vector.indices.forEach((j, k) => { indices.push(j); values.push(vector.values[k]! * weight); });
  }
  return { indices, values };
}
