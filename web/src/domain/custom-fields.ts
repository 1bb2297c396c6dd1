import type { FieldDefinition, FieldType, FieldValue } from '../api/types';

/** The console's words for each field type. */
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text', number: 'Number', date: 'Date', select: 'Select (one option)', multi_select: 'Multi-select', checkbox: 'Checkbox', user: 'Member', company: 'Company',
};

/** A field's value as the queue and the ticket page show it in one line of text. */
export function showValue(field: FieldDefinition | undefined, value: FieldValue | undefined, nameOf: (id: string) => string | undefined = () => undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field?.type === 'user' && typeof value === 'string') return nameOf(value) ?? value;
  return String(value);
}
