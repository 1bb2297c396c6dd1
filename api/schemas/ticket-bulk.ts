import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ticket/index';
import { ProblemSchema, Uuid } from './common';
import { FieldKey, FieldValue, Tag, TicketSchema } from './tickets';

/** Most tickets one bulk request changes: a queue page's worth, answered within one request. */
export const BULK_LIMIT = 100;

export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), assigneeId: Uuid.nullable().optional(), teamId: Uuid.nullable().optional() })
    .refine((action) => action.assigneeId !== undefined || action.teamId !== undefined, { message: 'Send assigneeId or teamId (null clears it).' }),
  z.object({ type: z.literal('status'), status: z.enum(TICKET_STATUSES) }),
  z.object({ type: z.literal('priority'), priority: z.enum(TICKET_PRIORITIES) }),
  z.object({ type: z.literal('add_tags'), tags: z.array(Tag).min(1).max(30) }),
  z.object({ type: z.literal('remove_tags'), tags: z.array(Tag).min(1).max(30) }),
  z.object({ type: z.literal('merge'), into: z.number().int().positive() }),
  /** Custom-field values (null clears one), checked against the fields' definitions per ticket. */
  z.object({ type: z.literal('set_fields'), fields: z.record(FieldKey, FieldValue).refine((fields) => Object.keys(fields).length > 0, 'Name at least one field.') }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkBody = z.object({
  numbers: z.array(z.number().int().positive()).min(1).max(BULK_LIMIT)
    .refine((numbers) => new Set(numbers).size === numbers.length, { message: 'Each ticket once.' }),
  action: BulkAction,
});
export type BulkBody = z.infer<typeof BulkBody>;

export const BulkResultSchema = z
  .discriminatedUnion('ok', [
    z.object({ number: z.number().int(), ok: z.literal(true), ticket: TicketSchema }),
    z.object({ number: z.number().int(), ok: z.literal(false), problem: ProblemSchema }),
  ])
  .meta({ id: 'BulkTicketResult' });
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const BulkAnswerSchema = z.object({ data: z.array(BulkResultSchema) }).meta({ id: 'BulkTicketAnswer' });
