import type { CustomFieldValue } from '../ticket/state';
import { MAX_TEXT_VALUE, type FieldDefinition, type FieldValues } from './definitions';

/** Why one value was refused: the field's key and a sentence a person can act on. */
export interface FieldValueError {
  key: string;
  message: string;
}

/** The users and companies of the org that the values name, as the caller looked them up. */
export interface KnownReferences {
  users: ReadonlySet<string>;
  companies: ReadonlySet<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The user and company ids the values name, for the caller to look up before `validateFieldValues`. */
export function referencedIds(definitions: readonly FieldDefinition[], values: FieldValues): { users: string[]; companies: string[] } {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const users: string[] = [];
  const companies: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const type = byKey.get(key)?.type;
    if (typeof value !== 'string' || !UUID.test(value)) continue;
    if (type === 'user') users.push(value);
    if (type === 'company') companies.push(value);
  }
  return { users, companies };
}

/** Why this value does not fit the field; null when it does. `null` (clearing) fits every field. */
export function valueError(definition: FieldDefinition, value: CustomFieldValue, known: KnownReferences): string | null {
  if (value === null) return null;
  if (definition.archived) return `“${definition.label}” is archived and cannot be set.`;
  const label = `“${definition.label}”`;
  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') return `${label} takes text.`;
      return value.length > MAX_TEXT_VALUE ? `${label} takes at most ${MAX_TEXT_VALUE} characters.` : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${label} takes a number.`;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : `${label} takes a date as YYYY-MM-DD.`;
    case 'checkbox':
      return typeof value === 'boolean' ? null : `${label} takes true or false.`;
    case 'select':
      if (typeof value !== 'string') return `${label} takes one of its options.`;
      return definition.options.includes(value) ? null : `${label} has no option “${value}” (it has ${definition.options.map((o) => `“${o}”`).join(', ')}).`;
    case 'multi_select': {
      if (!Array.isArray(value)) return `${label} takes a list of its options.`;
      const unknown = value.filter((item) => !definition.options.includes(item));
      if (unknown.length > 0) return `${label} has no option ${unknown.map((o) => `“${o}”`).join(', ')}.`;
      return new Set(value).size === value.length ? null : `${label} takes each option once.`;
    }
    case 'user':
      if (typeof value !== 'string' || !UUID.test(value)) return `${label} takes the id of a member.`;
      return known.users.has(value) ? null : `${label}: ${value} is not a member of this organization.`;
    case 'company':
      if (typeof value !== 'string' || !UUID.test(value)) return `${label} takes the id of a company.`;
      return known.companies.has(value) ? null : `${label}: ${value} is not a company of this organization.`;
  }
}

/**
 * Checks values about to be set on a ticket against the org's definitions: a defined field's
 * value must fit its type. A key with no definition stays what every field was before
 * definitions existed, an ad-hoc text, number or checkbox value (integrations and intake set
 * them); only a list needs a multi-select behind it. Answers one error per refused field, in
 * the values' order; none means the values may be set.
 */
export function validateFieldValues(definitions: readonly FieldDefinition[], values: FieldValues, known: KnownReferences): FieldValueError[] {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const errors: FieldValueError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    const message = definition ? valueError(definition, value, known)
      : Array.isArray(value) ? `There is no multi-select field “${key}”; define it under Settings → Fields first.` : null;
    if (message) errors.push({ key, message });
  }
  return errors;
}
