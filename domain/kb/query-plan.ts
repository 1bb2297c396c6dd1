/**
 * How a search weighs and finds its words. Postgres' ts_rank counts how often and where a
 * word occurs but not how rare it is, and `websearch_to_tsquery` asks for every word, where
 * a reader's paraphrase seldom repeats the article's words. So a search looks each stemmed
 * query word up in the org's document frequencies (kb_lexemes), weighs it by BM25's inverse
 * document frequency, matches any of the words (OR), and replaces a word no article holds by
 * the nearest one that some article does (a typo). The pure part of that is here.
 */

export interface AnalysedTerm {
  lexeme: string;
  /** Searchable translations holding it. */
  documents: number;
  /** For a word no translation holds: the nearest one that some translation does. */
  correction?: { lexeme: string; documents: number } | null;
}

export interface Corpus {
  documents: number;
  /** Distinct lexemes summed over the translations (for the average length). */
  lexemes: number;
}

export interface QueryPlan {
  /** The words that score, each with its weight (BM25 idf). */
  terms: { lexeme: string; idf: number }[];
  /** The words a candidate must hold one of: the rarest, within the candidate budget. */
  candidates: string[];
  averageLength: number;
}

/**
 * Past this many candidate rows the most common words stop finding candidates (they still
 * score): a translation that holds only "the account" is no answer worth ranking, and it
 * keeps a search over 50,000 articles within its latency budget.
 */
export const CANDIDATE_BUDGET = 1_000;
/** At most this many words score: a pasted paragraph keeps its rarest ones. */
export const MAX_TERMS = 16;

/** BM25's idf (the Lucene form, never negative). */
export function inverseDocumentFrequency(documents: number, corpusSize: number): number {
  return Math.log(1 + (corpusSize - documents + 0.5) / (documents + 0.5));
}

export function planQuery(analysed: readonly AnalysedTerm[], corpus: Corpus): QueryPlan {
  const byLexeme = new Map<string, number>();
  for (const term of analysed) {
    const used = term.documents === 0 && term.correction ? term.correction : term;
    byLexeme.set(used.lexeme, used.documents);
  }
  const rarestFirst = [...byLexeme].sort(([a, da], [b, db]) => da - db || a.localeCompare(b)).slice(0, MAX_TERMS);
  const size = Math.max(corpus.documents, 1);
  const terms = rarestFirst.map(([lexeme, documents]) => ({ lexeme, idf: inverseDocumentFrequency(Math.min(documents, size), size) }));
  const candidates: string[] = [];
  let budget = CANDIDATE_BUDGET;
  for (const [lexeme, documents] of rarestFirst) {
    if (candidates.length > 0 && documents > budget) break;
    candidates.push(lexeme);
    budget -= documents;
  }
  return { terms, candidates, averageLength: corpus.documents > 0 ? corpus.lexemes / corpus.documents : 1 };
}

/** A lexeme as a tsquery operand: quoted, so `'` and `:` in it stay text. */
export function tsqueryOperand(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** Whether the reader used websearch syntax (a quoted phrase, `-word`, `or`): then it is obeyed. */
export function usesSearchSyntax(query: string): boolean {
  return /"|(^|\s)-\S|\sor\s/i.test(query);
}
