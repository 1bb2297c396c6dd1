import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { specOf } from '../../clients/maintenance-schedule-client';
import { refusalOf, updateIdOf } from '../../clients/updates';
import { TICKET_FAILURES } from '../../domain/ticket/index';
import type { ScheduleRecurrence } from '../../domain/work-order/recurrence';

const updateFailed = (cause?: Error) => new WorkflowUpdateFailedError('Workflow Update failed', cause);

describe('how a client reads a failed Update', () => {
  it('names the refusals the domain names, with their message and details', () => {
    const failure = ApplicationFailure.create({ type: TICKET_FAILURES.ticket_closed, message: 'Ticket #4 is closed.', nonRetryable: true, details: [{ at: 1 }] });
    expect(refusalOf(updateFailed(failure), TICKET_FAILURES)).toEqual({ ok: false, refusal: 'ticket_closed', message: 'Ticket #4 is closed.', details: [{ at: 1 }] });
    const retryable = ApplicationFailure.create({ type: TICKET_FAILURES.unknown_team, message: 'No team t.', nonRetryable: false });
    expect(refusalOf(updateFailed(retryable), TICKET_FAILURES)).toMatchObject({ refusal: 'unknown_team', details: [] });
  });

  it('reports a workflow that does not run, whatever the catalogue', () => {
    expect(refusalOf(new WorkflowNotFoundError('not found', 'org/ticket/4', undefined), TICKET_FAILURES)).toEqual({ ok: false, refusal: 'not_running' });
  });

  it('tells a failure refused for good from one that ran out of retries, and keeps the error', () => {
    const refusedError = updateFailed(ApplicationFailure.nonRetryable('The database refused the data.', 'UnstorableData'));
    expect(refusalOf(refusedError, TICKET_FAILURES)).toEqual({ ok: false, refusal: 'refused', message: 'The database refused the data.', cause: refusedError });

    const gaveUp = updateFailed(ApplicationFailure.retryable('connection reset', 'Error'));
    expect(refusalOf(gaveUp, TICKET_FAILURES)).toMatchObject({ refusal: 'not_recorded', message: 'connection reset', cause: gaveUp });

    // A failure the workflow passed on still wrapped is not mistaken for a named refusal.
    const wrapped = new ActivityFailure('Activity task failed', 'recordTicketChange', '1', RetryState.MAXIMUM_ATTEMPTS_REACHED, 'worker',
      ApplicationFailure.nonRetryable('closed', TICKET_FAILURES.ticket_closed));
    expect(refusalOf(updateFailed(wrapped), TICKET_FAILURES)).toMatchObject({ refusal: 'not_recorded', message: 'Activity task failed' });

    const bare = updateFailed();
    expect(refusalOf(bare, TICKET_FAILURES)).toMatchObject({ refusal: 'not_recorded', message: 'Workflow Update failed' });
  });

  it('leaves what is not the workflow\'s answer to be thrown', () => {
    expect(refusalOf(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'), TICKET_FAILURES)).toBeNull();
    expect(refusalOf(new Error('socket hang up'), TICKET_FAILURES)).toBeNull();
    expect(refusalOf(ApplicationFailure.nonRetryable('closed', TICKET_FAILURES.ticket_closed), TICKET_FAILURES)).toBeNull();
  });

  it('makes an idempotency key the Update id, per Update', () => {
    expect(updateIdOf({ name: 'ticket.reply' }, 'k-1')).toBe('ticket.reply:k-1');
    expect(updateIdOf({ name: 'ticket.reply' }, undefined)).toBeUndefined();
  });
});

describe('a maintenance recurrence as a schedule spec', () => {
  it('keeps intervals in milliseconds, calendars without empty fields, and the bounds as dates', () => {
    const recurrence: ScheduleRecurrence = {
      intervals: [{ everySeconds: 86_400, offsetSeconds: 3_600 }],
      calendars: [{ second: [0], minute: [30], hour: [9], dayOfWeek: ['MONDAY'] }],
      startAt: '2026-01-05T00:00:00.000Z',
      endAt: null,
      timezone: 'Europe/Paris',
      limitedActions: null,
    };
    expect(specOf(recurrence)).toEqual({
      intervals: [{ every: 86_400_000, offset: 3_600_000 }],
      calendars: [{ second: [0], minute: [30], hour: [9], dayOfWeek: ['MONDAY'] }],
      startAt: new Date('2026-01-05T00:00:00.000Z'),
      timezone: 'Europe/Paris',
    });
  });
});
