/**
 * What Postgres cannot store, found before a request reaches a workflow: text and jsonb refuse
 * U+0000, and UTF-8 has no encoding for an unpaired UTF-16 surrogate (a JSON `"\ud800"`), so
 * a write carrying either fails however often it is retried. Nesting is bounded too, so the
 * recursive schemas behind it (rule conditions) never recurse deeper than this walk allows.
 */
export const MAX_INPUT_DEPTH = 64;

export interface InputIssue {
  /** Path segments from the root of the input to the offending value or key. */
  path: (string | number)[];
  message: string;
}

// A lone high surrogate (no low one after it) or a lone low surrogate (no high one before it).
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why Postgres would refuse this string, or null when it can store it. */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'Text must not contain the NUL character (U+0000).';
  if (UNPAIRED_SURROGATE.test(text)) return 'Text must not contain an unpaired UTF-16 surrogate.';
  return null;
}

/**
 * The first string (value or object key) Postgres cannot store, or the first place nesting
 * goes past `MAX_INPUT_DEPTH`. Iterative, so hostile nesting cannot exhaust the stack here.
 */
export function findUnstorableInput(input: unknown): InputIssue | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const message = unstorableText(value);
      if (message) return { path, message };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path, message: `Input nests at most ${MAX_INPUT_DEPTH} levels deep.` };
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, item] of entries.reverse()) {
      if (typeof key === 'string') {
        const message = unstorableText(key);
        if (message) return { path: [...path, key], message: `A key: ${message}` };
      }
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}
