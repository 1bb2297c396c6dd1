const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Resolves `a.b.c` in plain data, own properties only. Rules are written by admins, so a fact
 * path is user input: it is never handed to a JSONPath evaluator, and it cannot reach
 * prototypes or anything but the facts we built.
 */
export function resolveFactPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const segment of path.split('.')) {
    if (!SEGMENT.test(segment) || FORBIDDEN.has(segment)) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
