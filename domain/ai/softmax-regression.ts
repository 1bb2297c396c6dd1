import { createRng, shuffle } from '../routing/rng';
import type { SparseVector } from './sparse';

/**
 * Multinomial logistic regression over sparse features, trained by seeded stochastic gradient
 * descent with L2 regularisation. The L2 shrink is kept as one scale factor over all weights
 * (Bottou's trick), so a step costs only the example's non-zero features × classes.
 */
export interface SoftmaxTraining {
  readonly classes: number;
  readonly features: number;
  readonly epochs: number;
  /** L2 penalty per example. */
  readonly l2: number;
  /** Initial learning rate; it decays as eta0 / (1 + eta0 · l2 · t). */
  readonly eta0: number;
  readonly seed: number;
  /** Loss weight per class (e.g. inverse frequency, so rare classes count); default 1. */
  readonly classWeights?: readonly number[];
}

export interface SoftmaxModel {
  readonly classes: number;
  /** Feature-major: weights[j * classes + c]. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

export function trainSoftmax(xs: readonly SparseVector[], ys: readonly number[], opts: SoftmaxTraining): SoftmaxModel {
  const C = opts.classes;
  const v = new Float64Array(opts.features * C);
  const bias = new Float64Array(C);
  const rng = createRng(opts.seed);
  const order = xs.map((_, i) => i);
  const p = new Float64Array(C);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const i of shuffle(rng, order)) {
      const eta = opts.eta0 / (1 + opts.eta0 * opts.l2 * t++);
      const x = xs[i]!;
      const y = ys[i]!;
      rawScores(v, bias, C, scale, x, p);
      softmaxInPlace(p);
      // p becomes the loss gradient per class score: (p − onehot(y)) × the label's weight.
      const w = opts.classWeights?.[y] ?? 1;
      p[y] = p[y]! - 1;
      for (let c = 0; c < C; c++) p[c] = p[c]! * w;
      scale *= 1 - eta * opts.l2;
      descend(v, bias, C, x, p, eta, eta / scale);
      if (scale < 1e-9) { for (let j = 0; j < v.length; j++) v[j] = v[j]! * scale; scale = 1; }
    }
  }
  for (let j = 0; j < v.length; j++) v[j] = v[j]! * scale;
  return { classes: C, weights: v, bias };
}

function descend(v: Float64Array, bias: Float64Array, C: number, x: SparseVector, grad: Float64Array, eta: number, step: number): void {
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k]! * C;
    const sx = step * values[k]!;
    for (let c = 0; c < C; c++) v[base + c] = v[base + c]! - sx * grad[c]!;
  }
  for (let c = 0; c < C; c++) bias[c] = bias[c]! - eta * grad[c]!;
}

/** Class scores (logits) of one example. */
export function softmaxScores(model: SoftmaxModel, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  rawScores(model.weights, model.bias, model.classes, 1, x, out);
  return out;
}

function rawScores(v: Float64Array, bias: Float64Array, C: number, scale: number, x: SparseVector, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k]! * C;
    const xv = x.values[k]! * scale;
    for (let c = 0; c < C; c++) out[c]! += v[base + c]! * xv;
  }
  for (let c = 0; c < C; c++) out[c]! += bias[c]!;
}

/** Softmax of scores divided by a temperature, in place; stable against overflow. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) { scores[c] = Math.exp((scores[c]! - max) / temperature); sum += scores[c]!; }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
  return scores;
}
