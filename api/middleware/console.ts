import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Next } from 'koa';
import { Problem } from '../problem';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
};

/** Serves the built console; unknown non-API paths get `index.html` (history-mode routing). */
export function serveConsole(webRoot: string) {
  const root = path.resolve(webRoot);
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/api/') || ctx.path === '/healthz') return next();
    const decoded = decodedPath(ctx.path);
    if (decoded === null) throw new Problem(400, 'malformed-path', 'The path is not valid', { detail: 'It holds a malformed percent-encoding.' });
    const requested = path.resolve(root, `.${decoded}`);
    const insideRoot = requested === root || requested.startsWith(`${root}${path.sep}`);
    const file = insideRoot && (await isFile(requested)) ? requested : path.join(root, 'index.html');
    if (!(await isFile(file))) return next();
    ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Hashed assets never change; the shell must always be fresh.
    ctx.set('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = createReadStream(file);
  };
}

/** The path with its percent-escapes decoded, or null when they are malformed (`/%`, `/%E0%A4%A`). */
function decodedPath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}
