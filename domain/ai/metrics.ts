/**
 * Scores of predicted against true labels. Macro-F1 averages the F1 of every label that is
 * true or predicted at least once (as scikit-learn does), so each label counts the same
 * however rare; a label never predicted scores 0.
 */
export function accuracy(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length !== predicted.length) throw new Error('accuracy: truth and predictions differ in length');
  if (truth.length === 0) return 0;
  return truth.filter((label, i) => label === predicted[i]).length / truth.length;
}

export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length !== predicted.length) throw new Error('macroF1: truth and predictions differ in length');
  const labels = new Set([...truth, ...predicted]);
  if (labels.size === 0) return 0;
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (t === label && p === label) tp++;
      else if (p === label) fp++;
      else if (t === label) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / labels.size;
}

/** The share of predictions made with at least the threshold's confidence. */
export function coverage(confidences: readonly number[], threshold: number): number {
  if (confidences.length === 0) return 0;
  return confidences.filter((c) => c >= threshold).length / confidences.length;
}
