import { z } from 'zod';
import { FIELD_KEY_PATTERN, FIELD_TYPES, MAX_FIELD_OPTIONS } from '../../domain/fields/index';
import { Uuid } from './common';

const Label = z.string().trim().min(1).max(100);
const Option = z.string().trim().min(1).max(200);
const Options = z.array(Option).max(MAX_FIELD_OPTIONS).refine((options) => new Set(options).size === options.length, 'Each option once.');
const Condition = z.object({
  fieldKey: z.string().regex(FIELD_KEY_PATTERN),
  equals: z.union([z.string().max(200), z.number(), z.boolean()]),
}).meta({ description: 'Show the field only while another field has this value (a multi-select: includes it)' });

export const FieldDefinitionSchema = z.object({
  id: Uuid,
  key: z.string().meta({ description: 'The immutable slug: tickets, rules and views name the field by it (`ticket.fields.<key>`)' }),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  options: z.array(z.string()),
  requiredOnSolve: z.boolean(),
  condition: Condition.nullable(),
  position: z.number().int(),
  archived: z.boolean(),
}).meta({ id: 'FieldDefinition' });

export const CreateFieldBody = z.object({
  key: z.string().regex(FIELD_KEY_PATTERN, 'A key is a snake_case identifier: lower-case letters, digits and _ , starting with a letter.'),
  label: Label,
  type: z.enum(FIELD_TYPES),
  options: Options.default([]),
  requiredOnSolve: z.boolean().default(false),
  condition: Condition.nullable().default(null),
  position: z.number().int().min(0).max(10_000).optional(),
});

export const UpdateFieldBody = z.object({
  label: Label.optional(),
  options: Options.optional(),
  requiredOnSolve: z.boolean().optional(),
  condition: Condition.nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  archived: z.boolean().optional(),
}).refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'Nothing to change (a field’s key and type never change).' });

export const FieldParams = z.object({ id: Uuid });

export const TicketFormSchema = z.object({
  id: Uuid,
  name: z.string(),
  fieldKeys: z.array(z.string()),
  isDefault: z.boolean(),
}).meta({ id: 'TicketForm' });

const FieldKeys = z.array(z.string().regex(FIELD_KEY_PATTERN)).max(100).refine((keys) => new Set(keys).size === keys.length, 'Each field once.');

export const CreateFormBody = z.object({ name: Label, fieldKeys: FieldKeys.default([]), isDefault: z.boolean().default(false) });
export const UpdateFormBody = z.object({ name: Label.optional(), fieldKeys: FieldKeys.optional(), isDefault: z.boolean().optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'Nothing to change.' });

export const TicketFormChoiceSchema = z.object({
  /** The form chosen for this ticket; null: none chosen, it uses the default form. */
  formId: Uuid.nullable(),
  /** The form the ticket shows: the chosen one, else the default; null when the org has no form (every active field shows). */
  effectiveFormId: Uuid.nullable(),
}).meta({ id: 'TicketFormChoice' });
export const ChooseFormBody = z.object({ formId: Uuid.nullable() });
