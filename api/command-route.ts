import type { Context } from 'koa';
import type { z } from 'zod';
import type { Auth, Role } from './auth/roles';
import { route, type Reply, type RouteSpec } from './route';
import { IdempotencyHeaders } from './schemas/tickets';
import { parse } from './validation';

/** The request's Idempotency-Key header, validated (absent: the request is not keyed). */
export function idempotencyKey(ctx: Context): string | undefined {
  return parse(IdempotencyHeaders, { 'idempotency-key': ctx.get('idempotency-key') || undefined }, 'headers')['idempotency-key'];
}

/** A 201 for a record a keyed request opened: where it lives, and whether an earlier request with the key opened it. */
export function createdReply(location: string, body: unknown, replayed: boolean): Reply {
  return { status: 201, body, headers: { Location: location, ...(replayed && { 'Idempotent-Replayed': 'true' }) } };
}

export interface CommandInput<P extends z.ZodType, B extends z.ZodType> {
  auth: Auth;
  params: z.infer<P>;
  body: z.infer<B>;
  key: string | undefined;
}

/**
 * A command on a record (`POST /tickets/{number}/replies`): the Update its entity client
 * sends, idempotent by the request's Idempotency-Key and answered with the record after the
 * change. `run` sends it; the declaration, the key and the answer are the same for every one.
 */
export function commandRoute<P extends z.ZodType, B extends z.ZodType>(spec: {
  method?: 'post' | 'patch';
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: readonly Role[];
  params: P;
  body: B;
  responses: RouteSpec['responses'];
  run(input: CommandInput<P, B>): Promise<unknown>;
}) {
  const { run, method = 'post', ...declared } = spec;
  return route({
    ...declared, method, headers: IdempotencyHeaders,
    async handler({ auth, params, body, ctx }) {
      const input = { auth, params, body, key: idempotencyKey(ctx) } as CommandInput<P, B>;
      return { status: 200, body: await run(input) };
    },
  });
}
