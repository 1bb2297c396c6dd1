import { z } from 'zod';
import { ASSIGN_STRATEGIES, type ConditionGroup, type ConditionNode } from '../domain/rules/index';
import { RULE_EVENTS } from '../domain/rules/rule-events';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/ticket/status';
import { OPERATOR_NAMES } from './catalogue';

/**
 * The shape of a rule, checked at the edge. What the shape cannot say (a fact that does not
 * exist, an operator that does not fit its fact, an unknown agent) is `validate.ts`'s job.
 */
const Scalar = z.union([z.string().max(1000), z.number().finite(), z.boolean(), z.null()]);
const ConditionValueSchema = z.union([Scalar, z.array(z.union([z.string().max(1000), z.number().finite()])).max(200)]);

export const ConditionLeafSchema = z.strictObject({
  fact: z.string().min(1).max(200),
  operator: z.enum(OPERATOR_NAMES),
  value: ConditionValueSchema.optional(),
});

export const ConditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([ConditionLeafSchema, AllSchema, AnySchema, NotSchema]),
).meta({ id: 'RuleCondition' });
const AllSchema = z.strictObject({ all: z.array(ConditionNodeSchema).max(100) });
const AnySchema = z.strictObject({ any: z.array(ConditionNodeSchema).max(100) });
const NotSchema = z.strictObject({ not: ConditionNodeSchema });
export const ConditionGroupSchema: z.ZodType<ConditionGroup> = z.union([AllSchema, AnySchema, NotSchema]);

const Tags = z.array(z.string().trim().min(1).max(100)).min(1).max(50);
const Template = z.string().trim().min(1).max(20_000);

export const RuleActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set_priority'), priority: z.enum(TICKET_PRIORITIES) }),
  z.strictObject({ type: z.literal('set_status'), status: z.enum(TICKET_STATUSES) }),
  z.strictObject({ type: z.literal('add_tags'), tags: Tags }),
  z.strictObject({ type: z.literal('remove_tags'), tags: Tags }),
  z.strictObject({ type: z.literal('set_field'), key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), value: Scalar }),
  z.strictObject({ type: z.literal('assign_agent'), agentId: z.uuid() }),
  z.strictObject({
    type: z.literal('assign_team'), teamId: z.uuid(), strategy: z.enum(ASSIGN_STRATEGIES),
    skills: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  }),
  z.strictObject({ type: z.literal('add_note'), body: Template }),
  z.strictObject({ type: z.literal('reply'), body: Template }),
  z.strictObject({
    type: z.literal('notify'), channel: z.enum(['in_app', 'email']), message: Template,
    recipient: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('assignee') }),
      z.strictObject({ kind: z.literal('user'), userId: z.uuid() }),
      z.strictObject({ kind: z.literal('team'), teamId: z.uuid() }),
    ]),
  }),
  z.strictObject({
    type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000), method: z.enum(['POST', 'PUT']),
    payload: z.string().max(20_000).optional(),
  }),
  z.strictObject({
    type: z.literal('escalate'), priority: z.enum(TICKET_PRIORITIES).optional(), teamId: z.uuid().optional(),
    note: z.string().trim().min(1).max(20_000).optional(),
  }),
]);

export const TimeTriggerSchema = z.strictObject({
  anchor: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('status'), status: z.enum(TICKET_STATUSES) }),
    z.strictObject({ kind: z.literal('customer_message') }),
    z.strictObject({ kind: z.literal('created') }),
  ]),
  afterSeconds: z.number().int().min(1).max(365 * 24 * 3600),
  hours: z.enum(['business', 'calendar']),
});

export const RuleDefinitionSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  events: z.array(z.enum(RULE_EVENTS)).min(1).max(RULE_EVENTS.length),
  timeTrigger: TimeTriggerSchema.nullable().default(null),
  conditions: ConditionGroupSchema,
  actions: z.array(RuleActionSchema).min(1).max(20),
  stopProcessing: z.boolean().default(false),
});
export type RuleDefinitionInput = z.input<typeof RuleDefinitionSchema>;
