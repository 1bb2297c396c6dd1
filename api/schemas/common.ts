import { z } from 'zod';
import { Problem } from '../problem';
import { findUnstorableInput } from '../storable-input';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const Uuid = z.uuid();
export const Email = z.email().max(254).transform((email) => email.toLowerCase());

/** What a Postgres `integer` column holds: a larger number is refused here, not by the database. */
export const PG_INTEGER_MAX = 2_147_483_647;
export const PG_INTEGER_MIN = -2_147_483_648;

/** An integer for an `integer` column, from JSON; bounds default to the column's. */
export const pgInteger = (min = PG_INTEGER_MIN, max = PG_INTEGER_MAX) => z.number().int().min(min).max(max);
/** The same from a query string or path segment (text coerced to a number). */
export const pgIntegerParam = (min = PG_INTEGER_MIN, max = PG_INTEGER_MAX) => z.coerce.number().int().min(min).max(max);
/** Record numbers (tickets, work orders): 1 up to what `integer` holds. */
export const RecordNumber = pgInteger(1);
export const RecordNumberParam = pgIntegerParam(1);

/** A timestamp as the API writes it (ISO 8601 with an offset), e.g. inside a cursor. */
export const Timestamp = z.iso.datetime({ offset: true });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S): z.infer<S> | null {
  if (cursor === undefined) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const parsed = findUnstorableInput(decoded) ? null : schema.safeParse(decoded);
    if (parsed?.success) return parsed.data;
  } catch {
    // fall through to the problem below
  }
  throw new Problem(400, 'validation', 'The request is not valid', { errors: [{ pointer: '/cursor', message: 'Unknown cursor.' }] });
}
