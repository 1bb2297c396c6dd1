import type { RuleFacts } from '../domain/rules/facts';
import { renderTemplate } from '../domain/rules/placeholders';

/**
 * Fills a webhook's JSON payload template. Ticket text is the customer's: a subject such as
 * `", "admin": true, "x": "` must stay inside the string it was put in and never add a field.
 *
 * A template that is JSON (placeholders inside its strings: `{"subject": "{{ticket.subject}}"}`)
 * is parsed first, each string value is filled, and the structure is serialised again, so
 * every value is escaped by `JSON.stringify`. Keys are kept as written: a ticket never
 * names a field. A template that is not JSON as written (a placeholder outside quotes, as in
 * `{"number": {{ticket.number}}}`) keeps working, with each value escaped as JSON string
 * content: it can then hold no unescaped quote, and without one it cannot start a key.
 */
export function renderJsonTemplate(template: string, facts: RuleFacts): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    return renderTemplate(template, facts, escapeJsonString);
  }
  return JSON.stringify(fill(parsed, facts));
}

function fill(value: unknown, facts: RuleFacts): unknown {
  if (typeof value === 'string') return renderTemplate(value, facts);
  if (Array.isArray(value)) return value.map((item) => fill(item, facts));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, facts)]));
  }
  return value;
}

const escapeJsonString = (text: string) => JSON.stringify(text).slice(1, -1);
