import { softmaxInPlace } from './softmax-regression';

/**
 * Temperature scaling (Guo et al., 2017): one T > 0 dividing every logit, chosen to minimise
 * the negative log-likelihood of held-out examples. It changes no prediction, only how sure
 * the model says it is, so a confidence of 0.8 is right about 80 % of the time.
 */
export function fitTemperature(logits: readonly Float64Array[], truth: readonly number[]): number {
  if (logits.length === 0) return 1;
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let sum = 0;
    logits.forEach((scores, i) => { sum -= Math.log(Math.max(softmaxInPlace(Float64Array.from(scores), t)[truth[i]!]!, 1e-12)); });
    return sum;
  };
  return Math.exp(goldenMinimum(nll, Math.log(0.05), Math.log(20)));
}

/** Minimum of a unimodal function on [lo, hi] by golden-section search. */
function goldenMinimum(f: (x: number) => number, lo: number, hi: number, iterations = 60): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations; i++) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - r * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = f(d); }
  }
  return (a + b) / 2;
}
