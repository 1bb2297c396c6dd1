import { describe, expect, it } from 'vitest';
import { aiFactsOf, triageText, type Triage } from './triage';
import { trainTextClassifier } from './text-classifier';
import { KEEL_RECIPE } from './recipes';

describe('triageText', () => {
  it('reads sentiment and language with the shipped models when the org has no model', () => {
    const triage = triageText('This is terrible, the app is broken and I am really angry about it', {});
    expect(triage.sentiment).toMatchObject({ label: 'negative', abstained: false, modelVersion: null });
    expect(triage.sentiment.why).toEqual(expect.arrayContaining(['terrible', 'angry']));
    expect(triage.language.label).toBe('eng');
    expect(triage.category).toBeUndefined();
    expect(triage.team).toBeUndefined();
  });

  it('abstains on language when the text is too short to tell', () => {
    expect(triageText('hi', {}).language).toMatchObject({ label: null, abstained: true });
  });

  it('answers org tasks with the org model, abstaining below its threshold', () => {
    const texts = ['refund my invoice', 'invoice charged twice', 'parcel is late', 'delivery lost'];
    const labels = ['billing', 'billing', 'shipping', 'shipping'];
    const sure = trainTextClassifier(texts, labels, { ...KEEL_RECIPE, calibrationFolds: 0 }, { seed: 1, threshold: 0 });
    const never = trainTextClassifier(texts, labels, { ...KEEL_RECIPE, calibrationFolds: 0 }, { seed: 1, threshold: 1.01 });
    const answered = triageText('please refund the invoice', { category: { version: 4, classifier: sure } });
    expect(answered.category).toMatchObject({ label: 'billing', abstained: false, modelVersion: 4 });
    expect(answered.category!.why).toContain('refund');
    const guessed = triageText('please refund the invoice', { category: { version: 4, classifier: never } });
    expect(guessed.category).toMatchObject({ abstained: true });
    expect(aiFactsOf(guessed).category).toBeNull();
  });
});

describe('aiFactsOf', () => {
  it('gives rules only the answers, and the category confidence when there is one', () => {
    const triage: Triage = {
      sentiment: { label: 'negative', confidence: 0.9, abstained: false, why: [], modelVersion: null },
      language: { label: null, confidence: 0, abstained: true, why: [], modelVersion: null },
      priority: { label: 'high', confidence: 0.3, abstained: true, why: [], modelVersion: 1 },
      category: { label: 'billing', confidence: 0.7, abstained: false, why: [], modelVersion: 1 },
    };
    expect(aiFactsOf(triage)).toEqual({ category: 'billing', priority: null, team: null, sentiment: 'negative', language: null, confidence: 0.7 });
    expect(aiFactsOf(null).sentiment).toBeNull();
  });
});
