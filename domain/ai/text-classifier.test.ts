import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE_RECIPE, KEEL_RECIPE, KEEL_RECIPES } from './recipes';
import { TextClassifier, trainTextClassifier, type TextClassifierJson } from './text-classifier';

// A small made-up support inbox: three labels with their own words and some shared ones.
const EXAMPLES: [string, string][] = [
  ['I was charged twice on my invoice', 'billing'],
  ['refund the double payment please', 'billing'],
  ['my card was billed the wrong amount', 'billing'],
  ['the invoice total is wrong, please fix the charge', 'billing'],
  ['where is my refund for last month', 'billing'],
  ['Rechnung doppelt bezahlt, bitte Rückerstattung', 'billing'],
  ['my parcel has not arrived yet', 'shipping'],
  ['the delivery is late by a week', 'shipping'],
  ['tracking number shows the package is lost', 'shipping'],
  ['courier left the parcel at the wrong address', 'shipping'],
  ['when will my order be delivered?', 'shipping'],
  ['Paket ist noch nicht angekommen', 'shipping'],
  ['I cannot log in to my account', 'login'],
  ['password reset link does not work', 'login'],
  ['two-factor code is rejected when I sign in', 'login'],
  ['locked out of my account after three attempts', 'login'],
  ['the login page says my password is wrong', 'login'],
  ['Anmeldung funktioniert nicht, Passwort vergessen', 'login'],
];
const texts = EXAMPLES.map(([text]) => text);
const labels = EXAMPLES.map(([, label]) => label);

describe('trainTextClassifier', () => {
  const model = trainTextClassifier(texts, labels, KEEL_RECIPES, { seed: 7, threshold: 0.5 });

  it('only ever predicts a label it was trained on, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
      const prediction = model.predict(text);
      expect(['billing', 'login', 'shipping']).toContain(prediction.label);
      expect(prediction.confidence).toBeGreaterThan(0);
      expect(prediction.confidence).toBeLessThanOrEqual(1);
    }), { numRuns: 200 });
  });

  it('gives a probability to every label, summing to 1', () => {
    const p = model.probabilities('my parcel is late');
    expect(model.labels).toEqual(['billing', 'login', 'shipping']);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('abstains exactly when its confidence is below the threshold', () => {
    const strict = trainTextClassifier(texts, labels, KEEL_RECIPE, { seed: 7, threshold: 0.99 });
    const eager = trainTextClassifier(texts, labels, KEEL_RECIPE, { seed: 7, threshold: 0 });
    for (const text of [...texts, 'hello there', 'zzz', '']) {
      const p = strict.predict(text);
      expect(p.abstained).toBe(p.confidence < 0.99);
      expect(eager.predict(text).abstained).toBe(false);
    }
    // Text with none of the training words carries no evidence: the model must not claim certainty.
    expect(strict.predict('qwerty xylophone').abstained).toBe(true);
  });

  it('predicts the same after a JSON round trip', () => {
    const restored = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model)) as TextClassifierJson);
    for (const text of [...texts, 'the package with my refund', 'Passwort']) expect(restored.predict(text)).toEqual(model.predict(text));
  });

  it('is deterministic for a seed', () => {
    const again = trainTextClassifier(texts, labels, KEEL_RECIPES, { seed: 7, threshold: 0.5 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const baseline = () => JSON.stringify(trainTextClassifier(texts, labels, BASELINE_RECIPE, { seed: 3, threshold: 0.5 }));
    expect(baseline()).toBe(baseline());
  });

  it('a single training label is the only answer', () => {
    const one = trainTextClassifier(['a', 'b c'], ['only', 'only'], KEEL_RECIPE, { seed: 1, threshold: 0.5 });
    expect(one.predict('anything')).toEqual({ label: 'only', confidence: 1, abstained: false });
  });

  it('refuses a stored model whose weights do not fit its labels', () => {
    const json = model.toJSON();
    expect(() => TextClassifier.fromJSON({ ...json, bias: [0] })).toThrow(/do not fit/);
    expect(() => TextClassifier.fromJSON({ ...json, version: 2 } as unknown as TextClassifierJson)).toThrow();
  });

  it('refuses mismatched or empty training data', () => {
    expect(() => trainTextClassifier(['a'], [], KEEL_RECIPE, { seed: 1, threshold: 0.5 })).toThrow();
    expect(() => trainTextClassifier([], [], KEEL_RECIPE, { seed: 1, threshold: 0.5 })).toThrow();
  });
});
