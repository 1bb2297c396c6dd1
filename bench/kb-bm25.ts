/**
 * The baseline bench:kb measures Keel's search against: plain Okapi BM25 (k1 1.2, b 0.75,
 * Lucene's idf) over each article's title and body as one text, lower-cased words of letters
 * and digits, the usual short English stop-word list, no stemming, no field weights.
 */
const STOP_WORDS = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));
const K1 = 1.2;
const B = 0.75;

export function bm25Tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
}

export class Bm25Index {
  private readonly docs: { id: string; length: number; tf: Map<string, number> }[] = [];
  private readonly df = new Map<string, number>();
  private totalLength = 0;

  add(id: string, text: string): void {
    const tokens = bm25Tokens(text);
    const tf = new Map<string, number>();
    for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
    for (const token of tf.keys()) this.df.set(token, (this.df.get(token) ?? 0) + 1);
    this.docs.push({ id, length: tokens.length, tf });
    this.totalLength += tokens.length;
  }

  search(query: string, limit: number): string[] {
    const n = this.docs.length;
    const avg = this.totalLength / Math.max(n, 1);
    const terms = [...new Set(bm25Tokens(query))];
    return this.docs
      .map((doc) => {
        let score = 0;
        for (const term of terms) {
          const tf = doc.tf.get(term);
          if (!tf) continue;
          const df = this.df.get(term)!;
          score += Math.log(1 + (n - df + 0.5) / (df + 0.5)) * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avg)));
        }
        return { id: doc.id, score };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((hit) => hit.id);
  }
}
