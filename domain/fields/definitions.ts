import type { CustomFieldValue } from '../ticket/state';

/**
 * Custom fields: an org defines typed fields (their key is an immutable snake_case slug, the
 * name tickets, rules and views use), and ticket forms that choose which of them a kind of
 * ticket shows, in which order. Values live in the ticket's `fields`, keyed by field key.
 */
export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'checkbox', 'user', 'company'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Types whose values come from the definition's `options`. */
export const OPTION_TYPES: readonly FieldType[] = ['select', 'multi_select'];

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const MAX_FIELD_OPTIONS = 200;
export const MAX_TEXT_VALUE = 2000;

/** Show the field only while another field of the ticket has this value (for a multi-select: includes it). */
export interface FieldCondition {
  fieldKey: string;
  equals: string | number | boolean;
}

export interface FieldDefinition {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  /** The choices of a select or multi-select; empty for other types. */
  options: string[];
  /** A ticket cannot be solved while this field is shown and empty. */
  requiredOnSolve: boolean;
  condition: FieldCondition | null;
  position: number;
  /** An archived field keeps its values on tickets but is offered nowhere and cannot be set. */
  archived: boolean;
}

export interface TicketForm {
  id: string;
  name: string;
  /** The fields the form shows, in order. */
  fieldKeys: string[];
  /** The form of tickets that have none chosen. */
  isDefault: boolean;
}

export type FieldValues = Readonly<Record<string, CustomFieldValue>>;

/** Empty: no value, an empty text or list, or an unticked checkbox (a required checkbox must be ticked). */
export function isEmptyValue(value: CustomFieldValue | undefined): boolean {
  return value === undefined || value === null || value === false || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Whether a field's condition holds on these values (a field without one always shows). */
export function conditionHolds(condition: FieldCondition | null, values: FieldValues): boolean {
  if (!condition) return true;
  const value = values[condition.fieldKey];
  if (Array.isArray(value)) return value.includes(String(condition.equals));
  return value === condition.equals;
}

/**
 * The fields a ticket shows, in order: its form's (the chosen one, else the org's default),
 * or with no form at all every active field by position; archived fields and those whose
 * condition does not hold on the values are left out.
 */
export function visibleFields(definitions: readonly FieldDefinition[], form: TicketForm | null, values: FieldValues): FieldDefinition[] {
  return formFields(definitions, form).filter((definition) => conditionHolds(definition.condition, values));
}

/** The form's active fields in its order (every active field by position without a form), conditions not applied. */
export function formFields(definitions: readonly FieldDefinition[], form: TicketForm | null): FieldDefinition[] {
  const active = definitions.filter((definition) => !definition.archived);
  if (!form) return [...active].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  const byKey = new Map(active.map((definition) => [definition.key, definition]));
  return form.fieldKeys.map((key) => byKey.get(key)).filter((definition): definition is FieldDefinition => definition !== undefined);
}

/** The form a ticket uses: the one chosen for it, else the default form, else none. */
export function effectiveForm(forms: readonly TicketForm[], chosenId: string | null): TicketForm | null {
  return (chosenId ? forms.find((form) => form.id === chosenId) : undefined) ?? forms.find((form) => form.isDefault) ?? null;
}

/** What is wrong with a field definition, as JSON-pointer problems; `others` are the org's other fields. */
export function definitionErrors(
  definition: Pick<FieldDefinition, 'key' | 'type' | 'options' | 'condition'>,
  others: readonly FieldDefinition[],
): { pointer: string; message: string }[] {
  const errors: { pointer: string; message: string }[] = [];
  const takesOptions = OPTION_TYPES.includes(definition.type);
  if (takesOptions && definition.options.length === 0) errors.push({ pointer: '/options', message: 'A select or multi-select needs at least one option.' });
  if (!takesOptions && definition.options.length > 0) errors.push({ pointer: '/options', message: `A ${definition.type} field has no options.` });
  const condition = definition.condition;
  if (condition) {
    const target = others.find((other) => other.key === condition.fieldKey && other.key !== definition.key);
    if (!target) errors.push({ pointer: '/condition/fieldKey', message: `There is no other field “${condition.fieldKey}” to depend on.` });
    else if (OPTION_TYPES.includes(target.type) && !target.options.includes(String(condition.equals))) {
      errors.push({ pointer: '/condition/equals', message: `“${target.label}” has no option “${String(condition.equals)}”.` });
    } else if (target.condition?.fieldKey === definition.key) {
      errors.push({ pointer: '/condition/fieldKey', message: `“${target.label}” already depends on this field: two fields cannot show each other.` });
    }
  }
  return errors;
}
