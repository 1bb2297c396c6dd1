import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Context, Next } from 'koa';

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = new Map([
  ['swagger-ui.css', 'text/css'],
  ['swagger-ui-bundle.js', 'application/javascript'],
]);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Keel API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs' });`;

/** `/api/openapi.json` and its rendering at `/api/docs`, served from the local swagger-ui-dist. */
export function serveDocs(document: object) {
  const json = JSON.stringify(document);
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== 'GET') return next();
    if (ctx.path === '/api/openapi.json') {
      ctx.type = 'application/json';
      ctx.body = json;
    } else if (ctx.path === '/api/docs' || ctx.path === '/api/docs/') {
      ctx.type = 'text/html';
      ctx.body = PAGE;
    } else if (ctx.path === '/api/docs/init.js') {
      ctx.type = 'application/javascript';
      ctx.body = INIT;
    } else if (ctx.path.startsWith('/api/docs/') && ASSETS.has(path.basename(ctx.path))) {
      const name = path.basename(ctx.path);
      ctx.type = ASSETS.get(name) ?? 'application/octet-stream';
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.body = await readFile(path.join(swaggerDir, name));
    } else {
      return next();
    }
  };
}
