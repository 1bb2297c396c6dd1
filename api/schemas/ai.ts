import { z } from 'zod';
import { ORG_TASKS, SENTIMENTS } from '../../domain/ai/index';
import { TRIAGE_TASKS } from '../../domain/ai/triage';
import { TICKET_PRIORITIES } from '../../domain/ticket/status';

const Prediction = z.object({
  label: z.string().nullable(),
  confidence: z.number(),
  abstained: z.boolean(),
  why: z.array(z.string()),
  modelVersion: z.number().int().nullable(),
}).meta({ id: 'TriagePrediction' });

export const TicketTriageSchema = z.object({
  triagedAt: z.string(),
  predictions: z.object({
    sentiment: Prediction, language: Prediction,
    category: Prediction.optional(), priority: Prediction.optional(), team: Prediction.optional(),
  }),
  facts: z.object({
    category: z.string().nullable(), priority: z.string().nullable(), team: z.string().nullable(),
    sentiment: z.string().nullable(), language: z.string().nullable(), confidence: z.number().nullable(),
  }),
  corrections: z.array(z.object({ task: z.enum(TRIAGE_TASKS), label: z.string(), predicted: z.string().nullable(), actorId: z.string().nullable(), at: z.string() })),
}).meta({ id: 'TicketTriage' });

/** A correction's label must be one the task can have: a priority, a sentiment, or free text. */
export const TriageLabelBody = z.discriminatedUnion('task', [
  z.object({ task: z.literal('priority'), label: z.enum(TICKET_PRIORITIES) }),
  z.object({ task: z.literal('sentiment'), label: z.enum(SENTIMENTS) }),
  z.object({ task: z.literal('team'), label: z.uuid() }),
  z.object({ task: z.enum(['category', 'language']), label: z.string().trim().min(1).max(200) }),
]);

export const TriageLabelSchema = z.object({ task: z.string(), label: z.string(), predicted: z.string().nullable() }).meta({ id: 'TriageLabel' });

const ModelSchema = z.object({
  version: z.number().int(),
  labels: z.array(z.string()),
  trainedAt: z.string(),
  accuracy: z.number(), macroF1: z.number(), coverage: z.number(), threshold: z.number(),
  nTrain: z.number().int(), nTest: z.number().int(),
}).meta({ id: 'AiModel' });

export const AiModelsSchema = z.object({
  tasks: z.array(z.object({
    task: z.enum(ORG_TASKS),
    history: z.object({ enough: z.boolean(), examples: z.number().int(), usableLabels: z.number().int(), needed: z.number().int() }),
    current: ModelSchema.nullable(),
    previous: ModelSchema.nullable(),
  })),
  nextScheduledRun: z.string().nullable(),
}).meta({ id: 'AiModels' });
