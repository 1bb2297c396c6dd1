/** The label set of a training run, in a fixed (sorted) order, so indices are stable. */
export function labelSet(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort();
}

/** Each label's loss weight n / (classes · count): rare labels weigh as much as common ones. */
export function balancedWeights(ys: readonly number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const y of ys) counts[y]!++;
  return counts.map((count) => (count === 0 ? 0 : ys.length / (classes * count)));
}
