import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ticket/index';
import { FieldKey, FieldValue, Tag, TicketSchema } from './tickets';
import { RecordNumberParam, Uuid } from './common';

export const MacroActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set_status'), status: z.enum(TICKET_STATUSES) }),
  z.object({ type: z.literal('set_priority'), priority: z.enum(TICKET_PRIORITIES) }),
  z.object({ type: z.literal('add_tags'), tags: z.array(Tag).min(1).max(30) }),
  z.object({ type: z.literal('remove_tags'), tags: z.array(Tag).min(1).max(30) }),
  z.object({ type: z.literal('set_field'), key: FieldKey, value: FieldValue }),
  z.object({ type: z.literal('assign_agent'), agentId: z.union([Uuid, z.literal('me'), z.null()]) }),
  z.object({ type: z.literal('assign_team'), teamId: Uuid.nullable() }),
]).meta({ id: 'MacroAction' });

export const MacroSchema = z.object({
  id: Uuid,
  name: z.string(),
  /** Personal macros are their author's alone; the others are the org's, written by admins. */
  personal: z.boolean(),
  reply: z.object({ body: z.string(), visibility: z.enum(['public', 'internal']) }),
  actions: z.array(MacroActionSchema),
  usageCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  updatedAt: z.string(),
}).meta({ id: 'Macro' });
export type MacroView = z.infer<typeof MacroSchema>;

export const MacroBody = z.object({
  name: z.string().trim().min(1).max(120),
  personal: z.boolean().default(false),
  reply: z.object({ body: z.string().max(20_000).default(''), visibility: z.enum(['public', 'internal']).default('public') }).default({ body: '', visibility: 'public' }),
  actions: z.array(MacroActionSchema).max(20).default([]),
}).refine((macro) => macro.reply.body.trim().length > 0 || macro.actions.length > 0, { message: 'A macro needs a reply or at least one action.' });
export type MacroBody = z.infer<typeof MacroBody>;

export const MacroParams = z.object({ id: Uuid });
export const ListMacrosQuery = z.object({ q: z.string().trim().max(120).optional() });
export const ApplyMacroParams = z.object({ number: RecordNumberParam, id: Uuid });

export const AppliedMacroSchema = z.object({
  ticket: TicketSchema,
  /** The macro's reply with its placeholders filled, for the composer: the agent reviews and sends it. */
  reply: z.object({ body: z.string(), visibility: z.enum(['public', 'internal']) }),
}).meta({ id: 'AppliedMacro' });
