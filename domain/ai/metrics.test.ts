import { describe, expect, it } from 'vitest';
import { accuracy, coverage, macroF1 } from './metrics';

describe('metrics', () => {
  const truth = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('accuracy is the share of exact matches', () => {
    expect(accuracy(truth, predicted)).toBeCloseTo(4 / 6, 12);
  });

  it('macro-F1 averages the per-label F1 computed by hand', () => {
    // a: tp 2, fp 0, fn 1 → 4/5; b: tp 1, fp 1, fn 1 → 1/2; c: tp 1, fp 1, fn 0 → 2/3.
    expect(macroF1(truth, predicted)).toBeCloseTo((4 / 5 + 1 / 2 + 2 / 3) / 3, 12);
  });

  it('a label only predicted (never true) counts with F1 0', () => {
    // a: tp 1, fn 1 → 2/3; z: tp 0 → 0.
    expect(macroF1(['a', 'a'], ['a', 'z'])).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('perfect predictions score 1', () => {
    expect(macroF1(truth, truth)).toBe(1);
    expect(accuracy(truth, truth)).toBe(1);
  });

  it('coverage is the share at or above the threshold', () => {
    expect(coverage([0.2, 0.5, 0.9, 0.49], 0.5)).toBe(0.5);
    expect(coverage([], 0.5)).toBe(0);
  });

  it('refuses lists of different lengths', () => {
    expect(() => accuracy(['a'], [])).toThrow();
    expect(() => macroF1(['a'], [])).toThrow();
  });
});
