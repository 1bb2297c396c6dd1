import type { z } from 'zod';
import { Problem } from './problem';

/** Parses untrusted input; a failure is a 400 listing each issue with a JSON pointer. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params' | 'headers'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new Problem(400, 'validation', 'The request is not valid', {
    detail: `Invalid ${where}.`,
    errors: result.error.issues.map((issue) => ({
      pointer: `/${issue.path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
      message: issue.message,
    })),
  });
}
