import { ApplicationFailure } from '@temporalio/common';

/**
 * Failure types for writes Postgres refuses because of the data itself. Retrying such a write
 * sends the same data and fails the same way, so it must end the attempt and reach the caller.
 */
export const DATA_FAILURES = {
  /** SQLSTATE class 22: a value the column cannot hold (NUL, bad encoding, out of range). */
  unstorable: 'UnstorableData',
  /** SQLSTATE class 23: a constraint the row breaks (not null, foreign key, unique, check). */
  integrity: 'IntegrityViolation',
} as const;

const DATA_FAILURE_TYPES: ReadonlySet<string> = new Set(Object.values(DATA_FAILURES));
export const isDataFailureType = (type: string | undefined | null): boolean => type != null && DATA_FAILURE_TYPES.has(type);

/** Names of the conditions worth naming; the rest are reported by class. */
const CONDITIONS: Record<string, string> = {
  '22001': 'a text is too long for its column',
  '22003': 'a number is out of range',
  '22007': 'a date or time is malformed',
  '22008': 'a date or time is out of range',
  '22021': 'a character is not valid in the database encoding',
  '22P02': 'a value has the wrong form for its type',
  '22P05': 'a character cannot be stored (such as U+0000)',
  '23502': 'a required value is missing',
  '23503': 'a referenced record does not exist',
  '23505': 'the record already exists',
  '23514': 'a value breaks a check',
};

/** The SQLSTATE of a Postgres error (pg's `DatabaseError`, as knex rethrows it) in class 22 or 23. */
function dataSqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || error instanceof ApplicationFailure) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? code : null;
}

/**
 * The failure an activity reports for a Postgres data error: non-retryable, with a type the
 * API maps to a problem and a message that names the condition, never the SQL or the values.
 */
export function dataFailure(error: unknown): ApplicationFailure | null {
  const code = dataSqlState(error);
  if (!code) return null;
  const unstorable = code.startsWith('22');
  const what = CONDITIONS[code] ?? (unstorable ? 'a value cannot be stored' : 'a constraint is violated');
  return ApplicationFailure.create({
    message: `The database refused the data: ${what} (SQLSTATE ${code}).`,
    type: unstorable ? DATA_FAILURES.unstorable : DATA_FAILURES.integrity,
    nonRetryable: true,
  });
}

/**
 * Wraps every activity of a worker's activity map so a Postgres data error ends its retries
 * instead of repeating forever. Business refusals (ApplicationFailures the activities throw)
 * and other errors (a lost connection, a deadlock) pass through as they were.
 */
export function withDataFailuresFinal<T extends object>(activities: T): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => {
    if (typeof activity !== 'function') return [name, activity];
    const run = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await activity.apply(activities, args);
      } catch (error) {
        throw dataFailure(error) ?? error;
      }
    };
    return [name, run];
  });
  // Same names, same signatures: each function is replaced by one taking and returning the same.
  return Object.fromEntries(wrapped) as T;
}

/**
 * Whether Postgres refused a row as a duplicate of a unique key (SQLSTATE 23505), from pg's
 * error as knex rethrows it or from objection's wrapper around it (`nativeError`).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, nativeError } = error as { code?: unknown; nativeError?: { code?: unknown } };
  return (nativeError?.code ?? code) === '23505';
}
