import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'domain/**/*.test.ts', 'rules/**/*.test.ts', 'api/**/*.test.ts', 'web/src/**/*.test.ts'],
    // One Postgres, one Temporal dev server and one workflow bundle for the whole run.
    globalSetup: ['test/global-setup.ts'],
    // Forks, not threads: Temporal's native bridge does not survive worker threads.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll waits for an eventual state (a page after a reload, a row a worker writes);
    // its one-second default fails on a loaded two-core machine, not on a wrong result.
    expect: { poll: { timeout: 10_000 } },
  },
});
