import type { RetryPolicy } from '@temporalio/common';
import { TICKET_FAILURES } from '../domain/ticket/index';
import { WORK_ORDER_FAILURES } from '../domain/work-order/index';

/**
 * Retry policies that end. An activity retried forever wedges its workflow: a ticket whose
 * write Postgres refuses (a NUL byte, a value out of range) would answer no later command
 * (issue 13). Every proxy in `workflows/` takes one of these, so a failure that outlasts its
 * retries, or is a refusal from the start, reaches the caller as a failed Update instead.
 */

/** Refusals the record activities raise: retrying them cannot change the answer. */
export const REFUSAL_TYPES: string[] = [...Object.values(TICKET_FAILURES), ...Object.values(WORK_ORDER_FAILURES)];

/**
 * A record write (one short Postgres transaction, as a local activity): about a minute of
 * retries, enough to ride out a Postgres restart or failover, then the command fails.
 */
export const RECORD_WRITE_RETRY: RetryPolicy = {
  initialInterval: '200 milliseconds',
  maximumInterval: '10 seconds',
  maximumAttempts: 10,
  nonRetryableErrorTypes: REFUSAL_TYPES,
};

/** Reads and writes done through the server's activity queue (dispatch, mailbox sessions). */
export const BOUNDED_ACTIVITY_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 20,
  nonRetryableErrorTypes: REFUSAL_TYPES,
};
