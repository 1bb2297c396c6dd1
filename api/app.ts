import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { ApiDeps } from './deps';
import { problemErrors } from './middleware/errors';
import { serveConsole } from './middleware/console';
import { serveDocs } from './middleware/docs';
import { buildRouter, openApiDocument } from './router';
import { apiRoutes } from './api-routes';
import { sessionCheck } from './auth/session-check';
import { healthCheck } from './routes/health';
import { helpCentreFeedback } from './help-centre/feedback-form';
import { helpCentre } from './help-centre/pages';
import { portalPages } from './portal/pages';

/** The Koa application: problem+json errors, JSON bodies, the v1 routes, docs and the console. */
export function createApp(deps: ApiDeps): Koa {
  const routes = apiRoutes(deps);
  const router = buildRouter(routes, { tokens: deps.accessTokens, sessionActive: sessionCheck(deps.db) });
  const document = openApiDocument(routes);

  const app = new Koa({ proxy: process.env.KEEL_TRUST_PROXY === 'true' });
  app.silent = true;
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  app.use(problemErrors(deps.logger));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }));
  app.use(healthCheck(deps));
  app.use(serveDocs(document));
  app.use(helpCentre(deps.db, deps.publicUrl));
  app.use(helpCentreFeedback(deps.db, deps.publicUrl));
  app.use(portalPages(deps));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));
  if (deps.webRoot) app.use(serveConsole(deps.webRoot));
  return app;
}
