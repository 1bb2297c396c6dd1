import { francAll } from 'franc-min';

export interface LanguageReading {
  /** ISO 639-3 code (`eng`, `deu`, …), or null when the text is too short to tell. */
  readonly label: string | null;
  readonly confidence: number;
}

/** franc's scores are trigram distances scaled so the best is 1; this sharpens them into shares. */
const TEMPERATURE = 0.05;
const MIN_LENGTH = 10;

/**
 * The language of a text by `franc-min`'s trigram profiles (the 82 most spoken languages, the
 * profiles shipped inside the package). The confidence is a softmax of franc's scores; franc
 * does not calibrate them.
 */
export function detectLanguage(text: string): LanguageReading {
  const ranked = francAll(text, { minLength: MIN_LENGTH });
  const best = ranked[0];
  if (!best || best[0] === 'und') return { label: null, confidence: 0 };
  const shares = ranked.map(([, score]) => Math.exp((score - best[1]) / TEMPERATURE));
  const total = shares.reduce((sum, share) => sum + share, 0);
  return { label: best[0], confidence: shares[0]! / total };
}
