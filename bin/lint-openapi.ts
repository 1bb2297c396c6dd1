import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { servedOpenApiDocument } from '../api/openapi-document';

/**
 * `npm run lint:openapi`: writes the served document (built in-process, no server) to a temp
 * file and lints it with Redocly under `redocly.yaml`; a finding fails the run.
 */
const dir = await mkdtemp(path.join(tmpdir(), 'keel-openapi-'));
try {
  const file = path.join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(servedOpenApiDocument(), null, 2));
  execFileSync('redocly', ['lint', file, '--config', 'redocly.yaml', '--format', 'summary', '--max-problems', '1000'], { stdio: 'inherit' });
} catch (error) {
  process.exitCode = 1;
  if (!(error instanceof Error && 'status' in error)) throw error;
} finally {
  await rm(dir, { recursive: true, force: true });
}
