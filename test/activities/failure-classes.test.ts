import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { DATA_FAILURES, dataFailure, withDataFailuresFinal } from '../../db/failure-classes';

/** What knex rethrows for pg: the SQL in the message, the SQLSTATE in `code`. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(`insert into "ticket_events" ("data") values ($1) - ${message}`), { code, severity: 'ERROR' });
}

describe('Postgres data errors end an activity\'s retries', () => {
  it('a 22P05 (NUL in text) becomes a non-retryable UnstorableData failure without the SQL', async () => {
    const activities = withDataFailuresFinal({
      async recordTicketChange(_input: { body: string }): Promise<void> {
        throw pgError('22P05', 'unsupported Unicode escape sequence');
      },
    });
    const failure = await activities.recordTicketChange({ body: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: DATA_FAILURES.unstorable, nonRetryable: true });
    expect((failure as Error).message).toContain('22P05');
    expect((failure as Error).message).not.toMatch(/insert into|ticket_events|\$1/);
  });

  it.each([['22021'], ['22003'], ['22001']])('class 22 (%s) is UnstorableData', (code) => {
    expect(dataFailure(pgError(code, 'x'))).toMatchObject({ type: DATA_FAILURES.unstorable, nonRetryable: true });
  });

  it.each([['23502'], ['23503'], ['23514']])('class 23 (%s) is IntegrityViolation', (code) => {
    expect(dataFailure(pgError(code, 'x'))).toMatchObject({ type: DATA_FAILURES.integrity, nonRetryable: true });
  });

  it('business refusals, lost connections and deadlocks pass through as they were', async () => {
    const refusal = ApplicationFailure.nonRetryable('No agent x in this organization.', 'UnknownAssignee');
    const lost = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const deadlock = pgError('40P01', 'deadlock detected');
    for (const error of [refusal, lost, deadlock]) {
      const activities = withDataFailuresFinal({ async write(): Promise<void> { throw error; } });
      await expect(activities.write()).rejects.toBe(error);
    }
  });

  it('keeps results and arguments', async () => {
    const activities = withDataFailuresFinal({ async add(a: number, b: number): Promise<number> { return a + b; } });
    expect(await activities.add(2, 3)).toBe(5);
  });
});
