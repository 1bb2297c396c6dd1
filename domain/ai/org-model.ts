import { accuracy, coverage, macroF1 } from './metrics';
import { DEFAULT_THRESHOLD, KEEL_RECIPES } from './recipes';
import { trainTestSplit } from './split';
import { trainTextClassifier, type TextClassifier } from './text-classifier';

/**
 * An org's own model for one triage task, trained from its solved tickets. Metrics come from a
 * seeded 80/20 split (a model trained on the 80 % scored on the 20 % it never saw); the model
 * stored is then trained on every example, so it knows all the org's recent history.
 */
export const ORG_TASKS = ['category', 'priority', 'team'] as const;
export type OrgTask = (typeof ORG_TASKS)[number];

/** Fewer labelled tickets than this, or fewer than two labels with a few examples each: no model. */
export const MIN_EXAMPLES = 20;
export const MIN_PER_LABEL = 3;
const TEST_SHARE = 0.2;

export interface Example {
  readonly text: string;
  readonly label: string;
}

export interface ModelMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  /** Share of held-out tickets answered (not abstained) at the threshold. */
  readonly coverage: number;
  readonly threshold: number;
  readonly nTrain: number;
  readonly nTest: number;
}

export interface HistoryVerdict {
  readonly enough: boolean;
  readonly examples: number;
  /** Labels with at least {@link MIN_PER_LABEL} examples. */
  readonly usableLabels: number;
  readonly needed: number;
}

export function historyVerdict(labels: readonly string[]): HistoryVerdict {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const usableLabels = [...counts.values()].filter((n) => n >= MIN_PER_LABEL).length;
  return { enough: labels.length >= MIN_EXAMPLES && usableLabels >= 2, examples: labels.length, usableLabels, needed: MIN_EXAMPLES };
}

/** One task's retraining: the version stored, or null when the history is not enough for a model. */
export interface TrainingOutcome {
  readonly task: OrgTask;
  readonly version: number | null;
  readonly history: HistoryVerdict;
}

export interface TrainedOrgModel {
  readonly classifier: TextClassifier;
  readonly metrics: ModelMetrics;
}

/** Null when the history is not enough (see {@link historyVerdict}). */
export function trainOrgModel(examples: readonly Example[], options: { seed?: number; threshold?: number } = {}): TrainedOrgModel | null {
  if (!historyVerdict(examples.map((e) => e.label)).enough) return null;
  const seed = options.seed ?? 1;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const split = trainTestSplit(examples.length, TEST_SHARE, seed);
  const train = split.train.map((i) => examples[i]!);
  const test = split.test.map((i) => examples[i]!);
  const held = trainTextClassifier(train.map((e) => e.text), train.map((e) => e.label), KEEL_RECIPES, { seed, threshold });
  const predictions = test.map((e) => held.predict(e.text));
  const truth = test.map((e) => e.label);
  const metrics: ModelMetrics = {
    accuracy: accuracy(truth, predictions.map((p) => p.label)),
    macroF1: macroF1(truth, predictions.map((p) => p.label)),
    coverage: coverage(predictions.map((p) => p.confidence), threshold),
    threshold,
    nTrain: train.length,
    nTest: test.length,
  };
  const classifier = trainTextClassifier(examples.map((e) => e.text), examples.map((e) => e.label), KEEL_RECIPES, { seed, threshold });
  return { classifier, metrics };
}
