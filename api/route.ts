import type { Context } from 'koa';
import type { z } from 'zod';
import type { Auth, Role } from './auth/roles';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type Schema = z.ZodType | undefined;
/** Who may call a route: the roles, or anyone (`'public'`). */
export type Access = readonly Role[] | 'public';
type Infer<S extends Schema> = S extends z.ZodType ? z.infer<S> : undefined;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteInput<B extends Schema, Q extends Schema, P extends Schema, A> {
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  auth: A;
  ctx: Context;
}

/**
 * One route, described once: the Koa handler and its OpenAPI operation come from the same
 * schemas, so the documentation cannot drift from what the server validates.
 */
export interface RouteSpec<B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema, R extends readonly Role[] | 'public' = readonly Role[] | 'public'> {
  method: Method;
  /** OpenAPI-style path under /api/v1, e.g. `/tickets/{number}`. */
  path: string;
  /** Unique camelCase verb phrase (`listTickets`, `replyToTicket`): what generated clients name the call. */
  operationId: string;
  summary: string;
  tag: string;
  access: R;
  body?: B;
  query?: Q;
  params?: P;
  /**
   * The request body is a file, sent as itself (its Content-Type the file's type), which the
   * handler reads from the request stream: documented as a binary body of any media type.
   */
  upload?: { description: string };
  /** Headers documented for the operation (validated by the handler when it reads them). */
  headers?: z.ZodObject;
  /**
   * Successes and route-specific problems (409, a 422 from a business rule…). The 4xx every route
   * of its kind answers (400, 401, 403, 404, a reused Idempotency-Key) are added by the
   * OpenAPI builder from the spec itself, so none can be forgotten.
   */
  responses: Record<number, { description: string; schema?: z.ZodType; /** Other media types the success is also served as (files, chosen by Accept). */ alsoAs?: readonly string[] }>;
  handler(input: RouteInput<B, Q, P, R extends 'public' ? null : Auth>): Promise<Reply>;
}

export function route<B extends Schema, Q extends Schema, P extends Schema, R extends readonly Role[] | 'public'>(
  spec: RouteSpec<B, Q, P, R>,
): RouteSpec<B, Q, P, R> {
  return spec;
}

// Routes are stored heterogeneously; each one's handler was checked against its own schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;
