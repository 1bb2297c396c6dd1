import { describe, expect, it } from 'vitest';
import { historyVerdict, trainOrgModel, type Example } from './org-model';

const BILLING = ['I was charged twice on my invoice', 'refund the double payment please', 'my card was billed the wrong amount', 'the invoice total is wrong', 'where is my refund', 'charge on my card twice', 'invoice shows a wrong price', 'refund my payment'];
const SHIPPING = ['my parcel has not arrived yet', 'the delivery is late by a week', 'tracking says the package is lost', 'courier left the parcel next door', 'when will my order be delivered', 'package delivery delayed again', 'parcel tracking is stuck', 'the courier never came'];
const LOGIN = ['I cannot log in to my account', 'password reset link does not work', 'two-factor code is rejected', 'locked out of my account', 'login page says wrong password', 'cannot sign in since yesterday', 'password reset mail never came', 'account locked after login attempts'];
const examples = (rows: string[], label: string): Example[] => rows.map((text) => ({ text, label }));
const HISTORY = [...examples(BILLING, 'billing'), ...examples(SHIPPING, 'shipping'), ...examples(LOGIN, 'login')];

describe('historyVerdict', () => {
  it('says a history is not enough below the minimum, or with a single usable label', () => {
    expect(historyVerdict(HISTORY.slice(0, 10).map((e) => e.label))).toMatchObject({ enough: false, examples: 10, needed: 20 });
    expect(historyVerdict(Array.from({ length: 30 }, () => 'billing'))).toMatchObject({ enough: false, usableLabels: 1 });
    expect(historyVerdict(HISTORY.map((e) => e.label))).toMatchObject({ enough: true, examples: 24, usableLabels: 3 });
  });
});

describe('trainOrgModel', () => {
  it('trains nothing from too little history', () => {
    expect(trainOrgModel(HISTORY.slice(0, 12))).toBeNull();
  });

  it('predicts only the org’s own labels and reports held-out metrics at its threshold', () => {
    const trained = trainOrgModel(HISTORY, { seed: 3, threshold: 0.4 })!;
    expect(trained.classifier.labels).toEqual(['billing', 'login', 'shipping']);
    for (const text of ['my printer is on fire', 'refund', '', 'Paket verloren']) expect(['billing', 'login', 'shipping']).toContain(trained.classifier.predict(text).label);
    expect(trained.metrics).toMatchObject({ threshold: 0.4, nTrain: 19, nTest: 5 });
    for (const score of [trained.metrics.accuracy, trained.metrics.macroF1, trained.metrics.coverage]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('explains a prediction by the words of the text that pushed towards it', () => {
    const { classifier } = trainOrgModel(HISTORY, { seed: 3 })!;
    const text = 'please refund the double charge on my invoice';
    const why = classifier.topTerms(text, 'billing');
    expect(why.length).toBeGreaterThan(0);
    for (const term of why) expect(text).toContain(term);
  });
});
