import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { isDataFailureType } from '../../db/failure-classes';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { Problem, PROBLEM_BASE, type ProblemBody } from '../problem';

/**
 * The single error path: a `Problem` is shown as it is; a database constraint becomes a 409;
 * anything else is a bug, logged in full and answered with a bare 500 that leaks nothing.
 */
export function problemErrors(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
      bareAnswer(ctx);
    } catch (error) {
      const problem = toProblem(error, logger, ctx);
      ctx.status = problem.body.status;
      ctx.set(problem.headers);
      ctx.type = 'application/problem+json';
      ctx.body = { ...problem.body, instance: ctx.path } satisfies ProblemBody;
    }
  };
}

/**
 * Answers nothing downstream gave a body: the router's 405 and 501 (it sets `Allow` and
 * nothing else) and a 404 become problems; its empty 200 to OPTIONS becomes a 204.
 */
function bareAnswer(ctx: Context): void {
  if (ctx.body !== undefined && ctx.body !== null && ctx.body !== '') return;
  const where = `${ctx.method} ${ctx.path}`;
  if (ctx.status === 404) throw new Problem(404, 'not-found', 'No such resource', { detail: where });
  const allow = ctx.response.get('Allow');
  if (ctx.status === 405) {
    throw new Problem(405, 'method-not-allowed', 'Method not allowed', { detail: `${where}: use ${allow}.` }, { Allow: allow });
  }
  if (ctx.status === 501) throw new Problem(501, 'not-implemented', 'Method not implemented', { detail: `Keel does not implement ${ctx.method}.` });
  if (ctx.method === 'OPTIONS' && ctx.status === 200 && allow) ctx.status = 204;
}

function toProblem(error: unknown, logger: Logger, ctx: Context): Problem {
  if (error instanceof Problem) return error;
  const refused = refusedData(error);
  if (refused) return refused;
  const { status, expose } = error as { status?: number; expose?: boolean };
  if (status && status >= 400 && status < 500 && expose !== false) {
    // Client errors raised before a route runs: a malformed or oversized body.
    if (status === 413) return new Problem(413, 'payload-too-large', 'The request body is too large');
    if (status === 415) return new Problem(415, 'unsupported-media-type', 'Send JSON (application/json)');
    return new Problem(status, 'malformed-request', 'The request body is not valid JSON');
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || error instanceof ServiceError || isTransientGrpc(error)) {
    // Temporal did not answer in time (overload, a restart): the command may or may not have
    // landed, so the client retries, with the same Idempotency-Key to stay exactly-once.
    logger.warn({ err: error, method: ctx.method, path: ctx.path }, 'workflow service unavailable');
    return new Problem(503, 'workflow-service-unavailable', 'The workflow service did not answer in time', {
      detail: 'Retry the request; send the same Idempotency-Key so it applies once.',
    }, { 'Retry-After': '1' });
  }
  const code = (error as { code?: string }).code;
  if (code === '23505') return new Problem(409, 'conflict', 'The record already exists');
  if (code === '23503') return new Problem(422, 'invalid-reference', 'The request refers to a record that does not exist');
  logger.error({ err: error, method: ctx.method, path: ctx.path }, 'unhandled error');
  return new Problem(500, 'internal', 'Internal Server Error', { detail: 'Something went wrong on our side.' });
}

/**
 * A write Postgres refused for its data (see `db/failure-classes.ts`), reported back
 * through a workflow Update: the request carried something the database cannot hold.
 */
function refusedData(error: unknown): Problem | null {
  const failure = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  const application = failure instanceof ActivityFailure ? failure.cause : failure;
  if (!(application instanceof ApplicationFailure) || !isDataFailureType(application.type)) return null;
  return new Problem(422, 'unstorable-data', 'The request holds data that cannot be stored', { detail: application.message });
}

/**
 * gRPC codes Temporal answers while it is overloaded or a workflow task is being retried
 * (DEADLINE_EXCEEDED, FAILED_PRECONDITION "workflow task in failed state", UNAVAILABLE).
 */
const TRANSIENT_GRPC_CODES = new Set([4, 9, 14]);
const isTransientGrpc = (error: unknown) => isGrpcServiceError(error) && TRANSIENT_GRPC_CODES.has(error.code);

export { PROBLEM_BASE };
