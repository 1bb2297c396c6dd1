import { describe, expect, it } from 'vitest';
import { fitTemperature } from './calibration';

describe('fitTemperature', () => {
  // Two classes, logits ±s: the model says p = σ(2s) for its pick. When the pick is right in
  // 75 % of the cases, the fitted temperature must bring that confidence to about 0.75.
  const examples = (s: number) => {
    const logits: Float64Array[] = [];
    const truth: number[] = [];
    for (let i = 0; i < 400; i++) { logits.push(Float64Array.from([s, -s])); truth.push(i % 4 === 0 ? 1 : 0); }
    return { logits, truth };
  };

  it('cools an over-confident model down to its hit rate', () => {
    const { logits, truth } = examples(5); // claims 0.99995
    const t = fitTemperature(logits, truth);
    expect(t).toBeGreaterThan(1);
    expect(1 / (1 + Math.exp(-10 / t))).toBeCloseTo(0.75, 2);
  });

  it('warms an under-confident model up to its hit rate', () => {
    const { logits, truth } = examples(0.1); // claims 0.55
    const t = fitTemperature(logits, truth);
    expect(t).toBeLessThan(1);
    expect(1 / (1 + Math.exp(-0.2 / t))).toBeCloseTo(0.75, 2);
  });

  it('is 1 without held-out examples', () => {
    expect(fitTemperature([], [])).toBe(1);
  });
});
