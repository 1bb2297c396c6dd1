/** Latency samples of one command, summarised the way the benchmark reports them. */
export interface Summary {
  count: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(latenciesMs: number[], wallMs: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { count: sorted.length, opsPerSec: round((sorted.length / wallMs) * 1000), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1) ?? 0) };
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight; returns latencies and wall time. */
export async function measure(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<Summary> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarise(latencies, performance.now() - started);
}

const round = (value: number) => Math.round(value * 100) / 100;
