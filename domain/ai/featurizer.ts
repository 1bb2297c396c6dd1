import { concatVectors, unitVector, type SparseVector } from './sparse';
import { plainTokens, wordTokens } from './tokens';

/**
 * TF-IDF text features over a vocabulary learnt from the training texts. Two blocks — words
 * (uni- and optionally bigrams) and character n-grams within word boundaries (they carry
 * misspellings, inflections and German compounds) — are each scaled to unit length, then
 * joined with equal weight, so the many character n-grams do not drown the words.
 */
export interface FeaturizerConfig {
  /** `unicode`: {@link wordTokens}; `plain`: {@link plainTokens} (the baseline's). */
  readonly tokens: 'unicode' | 'plain';
  readonly wordNgrams: 1 | 2;
  /** Inclusive n range of character n-grams, or null for none. */
  readonly charNgrams: readonly [number, number] | null;
  /** 1 + log(tf) instead of the raw count. */
  readonly sublinearTf: boolean;
  /** A term must occur in at least this many training texts. */
  readonly minDf: number;
}

export interface FeaturizerJson {
  readonly config: FeaturizerConfig;
  readonly terms: readonly string[];
  readonly idf: readonly number[];
}

const WORD = 'w ';
const CHAR = 'c ';
/** A surrogate pair: the text has a character outside the Basic Multilingual Plane. */
const ASTRAL = /[\uD800-\uDBFF]/;

export class Featurizer {
  private readonly index: Map<string, number>;

  private constructor(readonly config: FeaturizerConfig, readonly terms: readonly string[], readonly idf: readonly number[]) {
    this.index = new Map(terms.map((term, j) => [term, j]));
  }

  get size(): number {
    return this.terms.length;
  }

  static fit(config: FeaturizerConfig, texts: readonly string[]): Featurizer {
    return Featurizer.fitTransform(config, texts).featurizer;
  }

  /**
   * Fits the vocabulary and transforms the same texts in one pass over their terms: cutting a
   * text into words and character n-grams is most of a training run's cost, so it is done once.
   */
  static fitTransform(config: FeaturizerConfig, texts: readonly string[]): { featurizer: Featurizer; vectors: SparseVector[] } {
    const termLists = texts.map((text) => termsOf(config, text));
    const df = new Map<string, number>();
    for (const blocks of termLists) {
      const seen = new Set<string>();
      for (const block of blocks) for (const term of block) seen.add(term);
      for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
    }
    // Sorted so that the same texts in another order give the same model.
    const terms = [...df].filter(([, n]) => n >= config.minDf).map(([term]) => term).sort();
    const n = texts.length;
    const featurizer = new Featurizer(config, terms, terms.map((term) => Math.log((1 + n) / (1 + df.get(term)!)) + 1));
    return { featurizer, vectors: termLists.map((blocks) => featurizer.vectorOf(blocks)) };
  }

  static fromJSON(json: FeaturizerJson): Featurizer {
    if (json.terms.length !== json.idf.length) throw new Error('featurizer: terms and idf differ in length');
    return new Featurizer(json.config, json.terms, json.idf);
  }

  toJSON(): FeaturizerJson {
    return { config: this.config, terms: this.terms, idf: this.idf };
  }

  /** The word or word pair behind feature j, or null for a character n-gram (unreadable as a reason). */
  wordOf(j: number): string | null {
    const term = this.terms[j];
    return term?.startsWith(WORD) ? term.slice(WORD.length) : null;
  }

  transform(text: string): SparseVector {
    return this.vectorOf(termsOf(this.config, text));
  }

  private vectorOf(termBlocks: readonly (readonly string[])[]): SparseVector {
    const blocks = termBlocks.map((terms) => unitVector(this.weigh(terms)));
    const present = blocks.filter((block) => block.indices.length > 0);
    return concatVectors(present.map((vector) => ({ vector, weight: 1 / Math.sqrt(present.length) })));
  }

  private weigh(terms: readonly string[]): Map<number, number> {
    const counts = new Map<number, number>();
    for (const term of terms) {
      const j = this.index.get(term);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    for (const [j, tf] of counts) counts.set(j, (this.config.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[j]!);
    return counts;
  }
}

/** The terms of each block of one text (duplicates kept: they are the term frequencies). */
function termsOf(config: FeaturizerConfig, text: string): string[][] {
  const tokens = config.tokens === 'plain' ? plainTokens(text) : wordTokens(text);
  const words = tokens.map((t) => WORD + t);
  if (config.wordNgrams === 2) for (let i = 1; i < tokens.length; i++) words.push(`${WORD}${tokens[i - 1]} ${tokens[i]}`);
  if (!config.charNgrams) return [words];
  const [min, max] = config.charNgrams;
  const chars: string[] = [];
  for (const token of tokens) {
    const padded = ` ${token} `;
    if (ASTRAL.test(padded)) {
      const points = [...padded]; // by code point, so astral characters stay whole
      for (let n = min; n <= max; n++) for (let i = 0; i + n <= points.length; i++) chars.push(CHAR + points.slice(i, i + n).join(''));
    } else {
      for (let n = min; n <= max; n++) for (let i = 0; i + n <= padded.length; i++) chars.push(CHAR + padded.substring(i, i + n));
    }
  }
  return [words, chars];
}
