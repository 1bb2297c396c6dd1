import { createRng, shuffle } from '../routing/rng';

/** Seeded split of n items: the first `testShare` of a shuffled order is the test set. */
export function trainTestSplit(n: number, testShare: number, seed: number): { train: number[]; test: number[] } {
  const order = shuffle(createRng(seed), Array.from({ length: n }, (_, i) => i));
  const cut = Math.round(n * testShare);
  return { test: order.slice(0, cut).sort((a, b) => a - b), train: order.slice(cut).sort((a, b) => a - b) };
}

/** Seeded k folds of n items (each item held out in exactly one fold). */
export function kFolds(n: number, k: number, seed: number): number[][] {
  const order = shuffle(createRng(seed), Array.from({ length: n }, (_, i) => i));
  const folds: number[][] = Array.from({ length: k }, () => []);
  order.forEach((item, i) => folds[i % k]!.push(item));
  return folds;
}
