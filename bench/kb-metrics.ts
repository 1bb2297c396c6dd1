/** Recall@1, recall@5 and MRR@10 of ranked answers against each query's one right article. */
export function retrievalMetrics(rankings: readonly { expected: string; ranked: readonly string[] }[]) {
  let at1 = 0, at5 = 0, rr = 0;
  for (const { expected, ranked } of rankings) {
    const rank = ranked.slice(0, 10).indexOf(expected);
    if (rank === 0) at1 += 1;
    if (rank >= 0 && rank < 5) at5 += 1;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  const n = Math.max(rankings.length, 1);
  const round = (x: number) => Math.round((x / n) * 10_000) / 10_000;
  return { queries: rankings.length, recallAt1: round(at1), recallAt5: round(at5), mrrAt10: round(rr) };
}
