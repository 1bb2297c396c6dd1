import { z } from 'zod';
import { RecordNumber } from './common';
import { RULE_EVENTS } from '../../domain/rules/rule-events';
import { RuleDefinitionSchema } from '../../rules/schema';

export const RuleIdParams = z.object({ id: z.uuid() });

export const CreateRuleBody = RuleDefinitionSchema.extend({ enabled: z.boolean().default(true) });
export const UpdateRuleBody = RuleDefinitionSchema;
export const PatchRuleBody = z.strictObject({ enabled: z.boolean() });
export const OrderRulesBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(1000) });
export const ValidateRuleBody = z.strictObject({ definition: z.unknown() });

export const TestRuleBody = z.strictObject({
  ticketNumber: RecordNumber,
  event: z.enum(RULE_EVENTS).optional(),
  definition: z.unknown().optional(),
});
export const BacktestBody = z.strictObject({
  definition: z.unknown(),
  tickets: z.number().int().min(1).max(500).default(100),
});

const Definition = z.object({
  name: z.string(), description: z.string(), events: z.array(z.enum(RULE_EVENTS)),
  timeTrigger: z.unknown().nullable(), conditions: z.unknown(), actions: z.array(z.unknown()), stopProcessing: z.boolean(),
});

export const RuleViewSchema = Definition.extend({
  id: z.uuid(),
  enabled: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastFiredAt: z.string().nullable(),
  fireCount: z.number().int(),
}).meta({ id: 'Rule' });
export type RuleView = z.infer<typeof RuleViewSchema>;

export const RuleVersionSchema = z.object({ version: z.number().int(), definition: Definition, createdAt: z.string(), createdBy: z.string().nullable() });

const Resolved = z.record(z.string(), z.unknown());
export const RuleTestResultSchema = z.object({
  matched: z.boolean(),
  event: z.enum(RULE_EVENTS),
  conditions: z.unknown(),
  actions: z.array(Resolved),
});
export const BacktestResultSchema = z.object({
  ticketsScanned: z.number().int(),
  eventsReplayed: z.number().int(),
  matches: z.array(z.object({ ticketNumber: z.number().int(), subject: z.string(), event: z.enum(RULE_EVENTS), at: z.string(), actions: z.array(Resolved) })),
});
