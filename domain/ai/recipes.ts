import type { Recipe } from './text-classifier';

/**
 * Keel's recipes, measured on the ticket samples (bench/ai.ts): Unicode words with bigrams and
 * character 2–5-grams, sublinear term frequency, balanced label weights, and a temperature
 * fitted on 5-fold out-of-fold predictions; and the same on words alone, which won on the
 * long helpdesk bodies in some splits. Training keeps whichever scores the better
 * out-of-fold macro-F1 on the org's own rows.
 */
export const KEEL_RECIPE: Recipe = {
  featurizer: { tokens: 'unicode', wordNgrams: 2, charNgrams: [2, 5], sublinearTf: true, minDf: 1 },
  balanced: true,
  calibrationFolds: 5,
  epochs: 15,
  l2: 1e-4,
  eta0: 0.5,
};

export const KEEL_WORDS_RECIPE: Recipe = { ...KEEL_RECIPE, featurizer: { ...KEEL_RECIPE.featurizer, charNgrams: null } };

export const KEEL_RECIPES: readonly Recipe[] = [KEEL_RECIPE, KEEL_WORDS_RECIPE];

/**
 * The baseline the evaluation contract names, done plainly: TF-IDF of lower-cased word
 * unigrams (raw counts) and a multinomial logistic regression, the same trainer and
 * regularisation as Keel's, no label weights, no calibration.
 */
export const BASELINE_RECIPE: Recipe = {
  featurizer: { tokens: 'plain', wordNgrams: 1, charNgrams: null, sublinearTf: false, minDf: 1 },
  balanced: false,
  calibrationFolds: 0,
  epochs: 15,
  l2: 1e-4,
  eta0: 0.5,
};

/** Keel's default abstention threshold on calibrated confidence. */
export const DEFAULT_THRESHOLD = 0.5;
