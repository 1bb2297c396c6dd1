import { ACCESS } from './auth/roles';
import type { AnyRoute } from './route';

const PROBLEM_JSON = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** The problem responses many operations share, as `components.responses` entries. */
export const SHARED_PROBLEMS = {
  InvalidRequest: { description: 'The request is not valid: each issue with a JSON pointer (RFC 9457 problem)', content: PROBLEM_JSON },
  Unauthenticated: { description: 'No valid access token (RFC 9457 problem)', content: PROBLEM_JSON },
  Forbidden: { description: "The caller's role may not do this (RFC 9457 problem)", content: PROBLEM_JSON },
  NotFound: { description: 'No such record in the caller’s organization (RFC 9457 problem)', content: PROBLEM_JSON },
  IdempotencyKeyReused: { description: 'This Idempotency-Key was used for a different request (RFC 9457 problem)', content: PROBLEM_JSON },
};

type SharedProblem = keyof typeof SHARED_PROBLEMS;

/**
 * The 4xx responses a route answers because of what it declares, not what its handler does:
 * the router validates input (400), authenticates (401), checks roles (403); a path parameter
 * names a record that may not exist (404); an Idempotency-Key may be reused (422).
 */
export function derivedProblems(spec: AnyRoute): Partial<Record<number, SharedProblem>> {
  const problems: Partial<Record<number, SharedProblem>> = {};
  if (spec.body || spec.query || spec.params || spec.headers) problems[400] = 'InvalidRequest';
  if (spec.access !== 'public') {
    problems[401] = 'Unauthenticated';
    if (spec.access.length < ACCESS.anyMember.length) problems[403] = 'Forbidden';
  }
  if (spec.params) problems[404] = 'NotFound';
  if (spec.headers?.shape['idempotency-key']) problems[422] = 'IdempotencyKeyReused';
  return problems;
}
