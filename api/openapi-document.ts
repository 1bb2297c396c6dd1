import type { ApiDeps } from './deps';
import { apiRoutes } from './api-routes';
import { openApiDocument } from './router';

/**
 * Dependencies that only let the route table be declared: building the document never runs a
 * handler, so nothing here is ever called (every property read answers the same inert stub).
 */
function declarationOnlyDeps(): ApiDeps {
  const inert: unknown = new Proxy(() => undefined, {
    get: (_target, key) => (key === 'then' ? undefined : inert),
    apply: () => inert,
  });
  const stub = inert as never;
  const url = 'http://localhost';
  return {
    db: stub, temporal: stub, taskQueue: 'openapi', logger: stub, accessTokens: stub, refreshTokenTtlSeconds: 60,
    secrets: stub, accountMail: stub, publicUrl: url, ticketOptions: stub, webRoot: null, temporalUiUrl: null,
    invitations: { mailer: stub, publicUrl: url },
  };
}

/** The document `/api/openapi.json` serves, built in-process without a database or Temporal. */
export function servedOpenApiDocument(): object {
  return openApiDocument(apiRoutes(declarationOnlyDeps()));
}
