/**
 * A sparse feature vector: parallel typed arrays of feature indices and their values (typed,
 * so the regression's inner loops read unboxed numbers).
 */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** From a map of index → value, scaled to unit Euclidean length (empty stays empty). */
export function unitVector(counts: ReadonlyMap<number, number>): SparseVector {
  let norm = 0;
  let size = 0;
  for (const v of counts.values()) { norm += v * v; if (v !== 0) size++; }
  norm = Math.sqrt(norm);
  const indices = new Int32Array(size);
  const values = new Float64Array(size);
  let k = 0;
  for (const [j, v] of counts) {
    if (v === 0) continue;
    indices[k] = j;
    values[k++] = v / norm;
  }
  return { indices, values };
}

/** Concatenates vectors whose indices do not overlap, each scaled by its weight. */
export function concatVectors(parts: readonly { vector: SparseVector; weight: number }[]): SparseVector {
  const size = parts.reduce((sum, { vector }) => sum + vector.indices.length, 0);
  const indices = new Int32Array(size);
  const values = new Float64Array(size);
  let at = 0;
  for (const { vector, weight } of parts) {
    indices.set(vector.indices, at);
    for (let k = 0; k < vector.values.length; k++) values[at + k] = vector.values[k]! * weight;
    at += vector.indices.length;
  }
  return { indices, values };
}
