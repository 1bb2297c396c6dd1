import { accuracy, coverage, macroF1 } from './metrics';
import { BASELINE_RECIPE, DEFAULT_THRESHOLD, KEEL_RECIPES } from './recipes';
import { taskText, type Task } from './tasks';
import { trainTextClassifier, type Recipe, type TextClassifier } from './text-classifier';

/**
 * `keel ai eval`: Keel's classifier and the baseline trained on the same rows and scored on the
 * same held-out rows, one model per label column. Accuracy and macro-F1 count every test row
 * (the top label, abstained or not) so the two are compared on the same rows; coverage is the
 * share Keel answers at its threshold. Rows with an empty label are left out of that label.
 */
export interface EvalReport {
  readonly task: string;
  readonly n_train: number;
  readonly n_test: number;
  readonly results: Record<string, { accuracy: number; macro_f1: number; coverage: number }>;
  readonly baseline: Record<string, { accuracy: number; macro_f1: number }>;
}

export interface EvalOptions {
  readonly seed?: number;
  readonly threshold?: number;
  /** A clock in milliseconds for the timings (performance.now); none: no timings. */
  readonly clock?: () => number;
}

export interface LabelTiming {
  readonly trainMs: number;
  readonly predictMsPerTicket: number;
  readonly baselineTrainMs: number;
}

type Row = Readonly<Record<string, string>>;

export function evaluateTask(task: Task, train: readonly Row[], test: readonly Row[], options: EvalOptions = {}): { report: EvalReport; timings: Record<string, LabelTiming> } {
  const results: EvalReport['results'] = {};
  const baseline: EvalReport['baseline'] = {};
  const timings: Record<string, LabelTiming> = {};
  for (const column of task.labelColumns) {
    const trainSet = labelled(task, train, column);
    const testSet = labelled(task, test, column);
    if (trainSet.texts.length === 0) throw new Error(`no training row has a value in column '${column}'`);
    const keel = timed(options.clock, () => train_(trainSet, KEEL_RECIPES, options));
    const base = timed(options.clock, () => train_(trainSet, BASELINE_RECIPE, options));
    const scored = timed(options.clock, () => testSet.texts.map((text) => keel.value.predict(text)));
    const predicted = scored.value.map((p) => p.label);
    results[column] = {
      accuracy: accuracy(testSet.labels, predicted),
      macro_f1: macroF1(testSet.labels, predicted),
      coverage: coverage(scored.value.map((p) => p.confidence), keel.value.threshold),
    };
    const basePredicted = testSet.texts.map((text) => base.value.predict(text).label);
    baseline[column] = { accuracy: accuracy(testSet.labels, basePredicted), macro_f1: macroF1(testSet.labels, basePredicted) };
    timings[column] = { trainMs: keel.ms, baselineTrainMs: base.ms, predictMsPerTicket: scored.ms / Math.max(1, testSet.texts.length) };
  }
  return { report: { task: task.name, n_train: train.length, n_test: test.length, results, baseline }, timings };
}

function labelled(task: Task, rows: readonly Row[], column: string): { texts: string[]; labels: string[] } {
  const kept = rows.filter((row) => (row[column] ?? '').trim() !== '');
  return { texts: kept.map((row) => taskText(task, row)), labels: kept.map((row) => row[column]!.trim()) };
}

function train_(set: { texts: string[]; labels: string[] }, recipe: Recipe | readonly Recipe[], options: EvalOptions): TextClassifier {
  return trainTextClassifier(set.texts, set.labels, recipe, { seed: options.seed ?? 1, threshold: options.threshold ?? DEFAULT_THRESHOLD });
}

function timed<T>(clock: (() => number) | undefined, run: () => T): { value: T; ms: number } {
  const start = clock?.() ?? 0;
  const value = run();
  return { value, ms: (clock?.() ?? 0) - start };
}
