import { resolveFactPath } from './fact-path';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]{1,120})\s*\}\}/g;

/**
 * Fills `{{ticket.number}}`, `{{requester.name}}` and the like from the facts. Unknown
 * placeholders become empty: a template never leaks its own syntax to a customer. `escape`
 * applies to each inserted value (JSON payloads escape them; see `rules/json-template.ts`).
 * Pure, so rule actions and macros (`domain/macros`) render the same syntax.
 */
export function renderTemplate(template: string, facts: object, escape: (text: string) => string = (text) => text): string {
  return template.replace(PLACEHOLDER, (_, path: string) => escape(placeholderText(resolveFactPath(facts, path))));
}

function placeholderText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? '' : String(value);
}
