import { detectLanguage } from './language';
import { lexiconSentiment } from './lexicon-sentiment';
import { ORG_TASKS, type OrgTask } from './org-model';
import type { TextClassifier } from './text-classifier';
import { NO_AI_FACTS, type AiFacts } from './facts';

export { NO_AI_FACTS, type AiFacts };

/** One task's answer on one ticket. An abstained label is the model's guess, not an answer. */
export interface TaskPrediction {
  readonly label: string | null;
  readonly confidence: number;
  readonly abstained: boolean;
  /** Top terms behind the label. */
  readonly why: string[];
  /** The org model's version; null for the shipped sentiment and language models. */
  readonly modelVersion: number | null;
}

export const TRIAGE_TASKS = ['category', 'priority', 'team', 'sentiment', 'language'] as const;
export type TriageTask = (typeof TRIAGE_TASKS)[number];

/** Sentiment and language always; the org tasks only where the org has a model. */
export type Triage = { readonly sentiment: TaskPrediction; readonly language: TaskPrediction } & Partial<Record<OrgTask, TaskPrediction>>;

export interface OrgModel {
  readonly version: number;
  readonly classifier: TextClassifier;
}

/** The shipped models abstain below this too: a neutral-ish or short text says nothing. */
export const SHIPPED_THRESHOLD = 0.5;

export function triageText(text: string, models: Partial<Record<OrgTask, OrgModel>>): Triage {
  const sentiment = lexiconSentiment(text);
  const language = detectLanguage(text);
  const triage: Record<string, TaskPrediction> = {
    sentiment: { label: sentiment.label, confidence: sentiment.confidence, abstained: sentiment.confidence < SHIPPED_THRESHOLD, why: sentiment.why, modelVersion: null },
    language: { label: language.label, confidence: language.confidence, abstained: language.label === null || language.confidence < SHIPPED_THRESHOLD, why: [], modelVersion: null },
  };
  for (const task of ORG_TASKS) {
    const model = models[task];
    if (!model) continue;
    const p = model.classifier.predict(text);
    triage[task] = { label: p.label, confidence: p.confidence, abstained: p.abstained, why: model.classifier.topTerms(text, p.label), modelVersion: model.version };
  }
  return triage as Triage;
}

export function aiFactsOf(triage: Triage | null): AiFacts {
  if (!triage) return NO_AI_FACTS;
  const answer = (p: TaskPrediction | undefined) => (p && !p.abstained ? p.label : null);
  return {
    category: answer(triage.category),
    priority: answer(triage.priority),
    team: answer(triage.team),
    sentiment: answer(triage.sentiment),
    language: answer(triage.language),
    confidence: (triage.category ?? triage.sentiment).confidence,
  };
}

/** The text the models read: what the customer wrote first. */
export function triageTextOf(ticket: { subject: string; description: string }): string {
  return [ticket.subject, ticket.description].filter((part) => part.trim() !== '').join('\n');
}
