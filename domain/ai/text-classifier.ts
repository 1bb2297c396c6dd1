import { fitTemperature } from './calibration';
import { Featurizer, type FeaturizerConfig, type FeaturizerJson } from './featurizer';
import { balancedWeights, labelSet } from './labels';
import { softmaxInPlace, softmaxScores, trainSoftmax, type SoftmaxModel } from './softmax-regression';
import { macroF1 } from './metrics';
import type { SparseVector } from './sparse';
import { kFolds } from './split';

/**
 * A text classifier: TF-IDF features and a multinomial logistic regression, with a confidence
 * calibrated by temperature scaling and an abstention threshold. It only ever predicts a
 * label it was trained on. What it is made of is a {@link Recipe}: Keel's and the baseline's
 * (see recipes.ts) differ only there.
 */
export interface Recipe {
  readonly featurizer: FeaturizerConfig;
  /** Weigh each label's examples inversely to its frequency. */
  readonly balanced: boolean;
  /** Folds of out-of-fold predictions the temperature is fitted on; 0 leaves it at 1. */
  readonly calibrationFolds: number;
  readonly epochs: number;
  readonly l2: number;
  readonly eta0: number;
}

export interface TrainOptions {
  readonly seed: number;
  /** Below this calibrated confidence the classifier abstains. */
  readonly threshold: number;
}

export interface Prediction {
  readonly label: string;
  readonly confidence: number;
  /** True when the confidence is below the threshold: the label is a guess, not an answer. */
  readonly abstained: boolean;
}

export interface TextClassifierJson {
  readonly kind: 'keel.text-classifier';
  readonly version: 1;
  readonly labels: readonly string[];
  readonly featurizer: FeaturizerJson;
  readonly weights: readonly number[];
  readonly bias: readonly number[];
  readonly temperature: number;
  readonly threshold: number;
}

export class TextClassifier {
  constructor(
    readonly labels: readonly string[],
    private readonly featurizer: Featurizer,
    private readonly model: SoftmaxModel,
    readonly temperature: number,
    readonly threshold: number,
  ) {}

  /** Calibrated probability of every label, in the order of {@link labels}. */
  probabilities(text: string): Float64Array {
    return softmaxInPlace(softmaxScores(this.model, this.featurizer.transform(text)), this.temperature);
  }

  predict(text: string): Prediction {
    const p = this.probabilities(text);
    const best = argmax(p);
    const confidence = p[best]!;
    return { label: this.labels[best]!, confidence, abstained: confidence < this.threshold };
  }

  /**
   * The words of the text that pushed hardest towards the label (weight × feature value), the
   * prediction's "why"; character n-grams are left out, a person cannot read them as a reason.
   */
  topTerms(text: string, label: string, count = 5): string[] {
    const c = this.labels.indexOf(label);
    if (c < 0) return [];
    const x = this.featurizer.transform(text);
    const pushes: { word: string; push: number }[] = [];
    for (let k = 0; k < x.indices.length; k++) {
      const word = this.featurizer.wordOf(x.indices[k]!);
      const push = x.values[k]! * this.model.weights[x.indices[k]! * this.model.classes + c]!;
      if (word !== null && push > 0) pushes.push({ word, push });
    }
    return pushes.sort((a, b) => b.push - a.push || a.word.localeCompare(b.word)).slice(0, count).map(({ word }) => word);
  }

  toJSON(): TextClassifierJson {
    return {
      kind: 'keel.text-classifier',
      version: 1,
      labels: this.labels,
      featurizer: this.featurizer.toJSON(),
      weights: Array.from(this.model.weights),
      bias: Array.from(this.model.bias),
      temperature: this.temperature,
      threshold: this.threshold,
    };
  }

  static fromJSON(json: TextClassifierJson): TextClassifier {
    if (json.kind !== 'keel.text-classifier' || json.version !== 1) throw new Error('not a version-1 Keel text classifier');
    const featurizer = Featurizer.fromJSON(json.featurizer);
    const classes = json.labels.length;
    if (json.bias.length !== classes || json.weights.length !== featurizer.size * classes) throw new Error('text classifier: weights do not fit its labels and features');
    const model = { classes, weights: Float64Array.from(json.weights), bias: Float64Array.from(json.bias) };
    return new TextClassifier(json.labels, featurizer, model, json.temperature, json.threshold);
  }
}

/**
 * Trains on the recipe, or on the best of several: each candidate's out-of-fold predictions on
 * the training data score it (macro-F1; the first wins a tie) and calibrate its temperature,
 * so the choice and the confidence come from rows the model being judged did not see.
 *
 * The vocabulary and IDF of a recipe are fitted once on all training texts and shared by its
 * folds: they use no labels, and cutting texts into terms is most of the cost, so the folds
 * only re-run the regression (a third of the time of refitting the features per fold).
 */
export function trainTextClassifier(texts: readonly string[], labels: readonly string[], recipes: Recipe | readonly Recipe[], options: TrainOptions): TextClassifier {
  if (texts.length !== labels.length) throw new Error('texts and labels differ in length');
  const classes = labelSet(labels);
  if (classes.length === 0) throw new Error('no training examples');
  const ys = labels.map((label) => classes.indexOf(label));
  const candidates = Array.isArray(recipes) ? recipes : [recipes as Recipe];
  let best: { recipe: Recipe; features: Featurized; temperature: number; score: number } | null = null;
  for (const recipe of candidates) {
    if (recipe.calibrationFolds < 2) {
      best ??= { recipe, features: Featurizer.fitTransform(recipe.featurizer, texts), temperature: 1, score: -1 };
      continue;
    }
    const features = Featurizer.fitTransform(recipe.featurizer, texts);
    const oof = outOfFold(features, ys, classes.length, recipe, options.seed);
    const score = macroF1(oof.truth.map(String), oof.logits.map((l) => String(argmax(l))));
    if (!best || score > best.score) best = { recipe, features, temperature: fitTemperature(oof.logits, oof.truth), score };
  }
  if (!best) throw new Error('no recipe to train with');
  const model = fitLinear(best.features, ys, classes.length, best.recipe, options.seed);
  return new TextClassifier(classes, best.features.featurizer, model, best.temperature, options.threshold);
}

type Featurized = { readonly featurizer: Featurizer; readonly vectors: readonly SparseVector[] };

function argmax(scores: Float64Array): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

function fitLinear(features: Featurized, ys: readonly number[], classes: number, recipe: Recipe, seed: number, rows?: readonly number[]): SoftmaxModel {
  const picked = rows ?? ys.map((_, i) => i);
  const rowYs = picked.map((i) => ys[i]!);
  return trainSoftmax(picked.map((i) => features.vectors[i]!), rowYs, {
    classes,
    features: features.featurizer.size,
    epochs: recipe.epochs,
    l2: recipe.l2,
    eta0: recipe.eta0,
    seed,
    ...(recipe.balanced && { classWeights: balancedWeights(rowYs, classes) }),
  });
}

/** Logits of every training row from a model trained like this one on the other folds. */
function outOfFold(features: Featurized, ys: readonly number[], classes: number, recipe: Recipe, seed: number): { logits: Float64Array[]; truth: number[] } {
  const n = ys.length;
  const folds = kFolds(n, Math.min(recipe.calibrationFolds, n), seed + 1);
  const logits: Float64Array[] = [];
  const truth: number[] = [];
  for (const held of folds) {
    const heldSet = new Set(held);
    const rest = ys.map((_, i) => i).filter((i) => !heldSet.has(i));
    if (rest.length === 0 || held.length === 0) continue;
    const model = fitLinear(features, ys, classes, recipe, seed, rest);
    // A label absent from this fold's training is only ever pushed down, as it should be.
    for (const i of held) { logits.push(softmaxScores(model, features.vectors[i]!)); truth.push(ys[i]!); }
  }
  return { logits, truth };
}
