import type { Context, Next } from 'koa';
import type { ApiDeps } from '../deps';

/** `GET /healthz`: 200 when Postgres and Temporal both answer, else 503 naming which did not. */
export function healthCheck(deps: ApiDeps) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== '/healthz' || ctx.method !== 'GET') return next();
    const [db, temporal] = await Promise.all([
      probe(() => deps.db.raw('SELECT 1')),
      probe(() => deps.temporal.workflowService.getSystemInfo({})),
    ]);
    const healthy = db === 'ok' && temporal === 'ok';
    ctx.status = healthy ? 200 : 503;
    ctx.body = { status: healthy ? 'ok' : 'degraded', db, temporal };
  };
}

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3_000))]);
    return 'ok';
  } catch {
    return 'unavailable';
  }
}
