import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsole } from '../../api/middleware/console';
import { problemErrors } from '../../api/middleware/errors';

let webRoot: string;
let server: ReturnType<Koa['listen']>;
let base: string;
beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'keel-console-'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Keel</title>');
  const app = new Koa();
  app.silent = true;
  app.use(problemErrors(pino({ level: 'silent' })));
  app.use(serveConsole(webRoot));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(webRoot, { recursive: true, force: true });
});

describe('console paths', () => {
  it.each([['/%'], ['/%E0%A4%A'], ['/tickets/%ZZ'], ['/%C0%80']])('a malformed percent-encoding (%s) is a 400 problem, not a 500', async (bad) => {
    const response = await fetch(`${base}${bad}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ type: expect.stringMatching(/malformed-path$/), status: 400 });
  });

  it('still serves the page for good paths, encoded ones and NUL included', async () => {
    for (const good of ['/', '/tickets/42', '/caf%C3%A9', '/%00']) {
      const response = await fetch(`${base}${good}`);
      expect(response.status, good).toBe(200);
      expect(await response.text()).toContain('<title>Keel</title>');
    }
  });

  it('a non-GET to a console path is a 404 problem, not plain text', async () => {
    const response = await fetch(`${base}/tickets`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
