import { fitTemperature } from './calibration';
import { Featurizer, type FeaturizerConfig, type FeaturizerJson } from './featurizer';
import { balancedWeights, labelSet } from './labels';
import { softmaxInPlace, softmaxScores, trainSoftmax, type SoftmaxModel } from './softmax-regression';
import { macroF1 } from './metrics';
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
 */
export function trainTextClassifier(texts: readonly string[], labels: readonly string[], recipes: Recipe | readonly Recipe[], options: TrainOptions): TextClassifier {
  if (texts.length !== labels.length) throw new Error('texts and labels differ in length');
  const classes = labelSet(labels);
  if (classes.length === 0) throw new Error('no training examples');
  const ys = labels.map((label) => classes.indexOf(label));
  const candidates = Array.isArray(recipes) ? recipes : [recipes as Recipe];
  let best: { recipe: Recipe; temperature: number; score: number } | null = null;
  for (const recipe of candidates) {
    if (recipe.calibrationFolds < 2) { best ??= { recipe, temperature: 1, score: -1 }; continue; }
    const oof = outOfFold(texts, ys, classes.length, recipe, options.seed);
    const score = macroF1(oof.truth.map(String), oof.logits.map((l) => String(argmax(l))));
    if (!best || score > best.score) best = { recipe, temperature: fitTemperature(oof.logits, oof.truth), score };
  }
  if (!best) throw new Error('no recipe to train with');
  const fitted = fitLinear(texts, ys, classes.length, best.recipe, options.seed);
  return new TextClassifier(classes, fitted.featurizer, fitted.model, best.temperature, options.threshold);
}

function argmax(scores: Float64Array): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

function fitLinear(texts: readonly string[], ys: readonly number[], classes: number, recipe: Recipe, seed: number) {
  const featurizer = Featurizer.fit(recipe.featurizer, texts);
  const xs = texts.map((text) => featurizer.transform(text));
  const model = trainSoftmax(xs, ys, {
    classes,
    features: featurizer.size,
    epochs: recipe.epochs,
    l2: recipe.l2,
    eta0: recipe.eta0,
    seed,
    ...(recipe.balanced && { classWeights: balancedWeights(ys, classes) }),
  });
  return { featurizer, model };
}

/** Logits of every training row from a model trained like this one on the other folds. */
function outOfFold(texts: readonly string[], ys: readonly number[], classes: number, recipe: Recipe, seed: number): { logits: Float64Array[]; truth: number[] } {
  const folds = kFolds(texts.length, Math.min(recipe.calibrationFolds, texts.length), seed + 1);
  const logits: Float64Array[] = [];
  const truth: number[] = [];
  for (const held of folds) {
    const heldSet = new Set(held);
    const rest = texts.map((_, i) => i).filter((i) => !heldSet.has(i));
    if (rest.length === 0 || held.length === 0) continue;
    const { featurizer, model } = fitLinear(rest.map((i) => texts[i]!), rest.map((i) => ys[i]!), classes, recipe, seed);
    // A label absent from this fold's training is only ever pushed down, as it should be.
    for (const i of held) { logits.push(softmaxScores(model, featurizer.transform(texts[i]!))); truth.push(ys[i]!); }
  }
  return { logits, truth };
}
