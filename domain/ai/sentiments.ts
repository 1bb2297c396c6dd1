/** The sentiments triage reads (a module of its own: the console's rule designer imports it, not the lexicon). */
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
