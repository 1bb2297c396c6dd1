/**
 * Order crossover (OX) on giant tours: the child keeps a random slice of the first parent in
 * place and fills the other positions with the remaining customers in the order the second
 * parent visits them, starting after the slice. Each customer appears exactly once.
 */
import type { Rng } from './rng';

export function orderCrossover(a: readonly number[], b: readonly number[], rng: Rng): number[] {
  const n = a.length;
  if (n < 2) return a.slice();
  const start = rng.int(n);
  let end = rng.int(n);
  while (end === start) end = rng.int(n);
  const child = new Array<number>(n);
  const taken = new Set<number>();
  for (let k = start; k !== (end + 1) % n; k = (k + 1) % n) {
    child[k] = a[k]!;
    taken.add(a[k]!);
  }
  let at = (end + 1) % n;
  for (let k = 0; k < n; k++) {
    const c = b[(end + 1 + k) % n]!;
    if (taken.has(c)) continue;
    child[at] = c;
    at = (at + 1) % n;
  }
  return child;
}
