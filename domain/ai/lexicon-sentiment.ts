import analyse from 'wink-sentiment';
import type { Sentiment } from './sentiments';

export interface SentimentReading {
  readonly label: Sentiment;
  readonly confidence: number;
  /** The scored words of the lexicon that decided it, strongest first. */
  readonly why: string[];
}

/** Below this mean word score (AFINN scale, −5…5) a text reads as neutral. */
const NEUTRAL_BAND = 0.5;

/**
 * Sentiment from the AFINN-based lexicon shipped inside `wink-sentiment` (negation handled, no
 * weights downloaded). The lexicon gives a score, not a probability: the confidence is a fixed
 * logistic mapping of the mean word score, not calibrated on the org's tickets (no org labels
 * sentiment). English only; other languages mostly read as neutral.
 */
export function lexiconSentiment(text: string): SentimentReading {
  const { normalizedScore, tokenizedPhrase } = analyse(text);
  const scored = tokenizedPhrase.filter((token) => typeof token.score === 'number' && token.score !== 0);
  const label: Sentiment = normalizedScore >= NEUTRAL_BAND ? 'positive' : normalizedScore <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  const distance = Math.abs(Math.abs(normalizedScore) - NEUTRAL_BAND);
  const confidence = 1 / (1 + Math.exp(-2 * distance));
  const sign = label === 'positive' ? 1 : label === 'negative' ? -1 : 0;
  const why = scored
    .filter((token) => sign === 0 || Math.sign(token.score!) === sign)
    .sort((a, b) => Math.abs(b.score!) - Math.abs(a.score!))
    .slice(0, 5)
    .map((token) => token.value.toLowerCase());
  return { label, confidence, why };
}
