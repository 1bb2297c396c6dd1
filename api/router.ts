import Router from '@koa/router';
import { z } from 'zod';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { authenticate, type Authenticator } from './middleware/authenticate';
import type { AnyRoute } from './route';
import { parse } from './validation';
import { ProblemSchema } from './schemas/common';
import { derivedProblems, SHARED_PROBLEMS } from './openapi-problems';

export const API_PREFIX = '/api/v1';

const FILE = z.string().meta({ format: 'binary' });

/** Mounts the routes under /api/v1, checking access and validating input before each handler. */
export function buildRouter(routes: readonly AnyRoute[], authenticator: Authenticator): Router {
  const router = new Router({ prefix: API_PREFIX });
  for (const spec of routes) {
    const koaPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    router[spec.method](koaPath, async (ctx) => {
      const auth = spec.access === 'public' ? null : await authenticate(ctx, spec.access, authenticator);
      const params = spec.params ? parse(spec.params, ctx.params, 'params') : undefined;
      const query = spec.query ? parse(spec.query, ctx.query, 'query') : undefined;
      const body = spec.body ? parse(spec.body, (ctx.request as { body?: unknown }).body ?? {}, 'body') : undefined;
      const reply = await spec.handler({ body, query, params, auth, ctx });
      ctx.status = reply.status;
      if (reply.headers) ctx.set(reply.headers);
      if (reply.body !== undefined) ctx.body = reply.body;
    });
  }
  return router;
}

/** The OpenAPI 3.1 document for the same routes. */
export function openApiDocument(routes: readonly AnyRoute[]): object {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, response] of Object.entries(SHARED_PROBLEMS)) registry.registerComponent('responses', name, response);
  for (const spec of routes) {
    const responses: RouteConfig['responses'] = {};
    for (const [status, shared] of Object.entries(derivedProblems(spec))) responses[status] = { $ref: `#/components/responses/${shared}` };
    for (const [status, response] of Object.entries(spec.responses)) {
      const mediaType = Number(status) >= 400 ? 'application/problem+json' : 'application/json';
      const schema = response.schema ?? (Number(status) >= 400 ? ProblemSchema : undefined);
      const files = Object.fromEntries((response.alsoAs ?? []).map((type) => [type, { schema: FILE }]));
      responses[status] = schema ? { description: response.description, content: { [mediaType]: { schema }, ...files } } : { description: response.description };
    }
    responses.default = { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: ProblemSchema } } };
    registry.registerPath({
      method: spec.method,
      path: `${API_PREFIX}${spec.path}`,
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.access === 'public' ? [] : [{ [bearer.name]: [] }],
      ...(spec.access !== 'public' && { description: `Roles: ${spec.access.join(', ')}.` }),
      request: {
        ...(spec.body && { body: { content: { 'application/json': { schema: spec.body } }, required: true } }),
        ...(spec.upload && { body: { description: spec.upload.description, content: { '*/*': { schema: FILE } }, required: true } }),
        ...(spec.query && { query: spec.query }),
        ...(spec.params && { params: spec.params }),
        ...(spec.headers && { headers: spec.headers }),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Keel API', version: '1', description: 'Helpdesk and field service on durable workflows.',
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
    },
    servers: [{ url: '/' }],
  });
}

