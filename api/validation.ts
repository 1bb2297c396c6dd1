import type { z } from 'zod';
import { Problem } from './problem';
import { findUnstorableInput } from './storable-input';

type Where = 'body' | 'query' | 'params' | 'headers';

/**
 * Parses untrusted input; a failure is a 400 listing each issue with a JSON pointer. Input
 * Postgres could not store (NUL, unpaired surrogates) or nested past the limit is refused
 * first, before any schema (recursive ones included) walks it.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: Where): z.infer<S> {
  const unstorable = findUnstorableInput(input);
  if (unstorable) throw invalid(where, [{ path: unstorable.path, message: unstorable.message }]);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(where, result.error.issues);
}

function invalid(where: Where, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Problem {
  return new Problem(400, 'validation', 'The request is not valid', {
    detail: `Invalid ${where}.`,
    errors: issues.map((issue) => ({ pointer: toPointer(issue.path), message: issue.message })),
  });
}

/** RFC 6901: `~` and `/` inside a segment are escaped. */
export function toPointer(path: readonly PropertyKey[]): string {
  return `/${path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}
