import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { startEmbeddedPostgres } from '../../bin/lib/embedded-postgres';
import { freePort } from '../../bin/lib/free-port';
import { findTemporalCli } from '../../bin/lib/temporal-cli';
import { startTemporalDevServer } from '../../bin/lib/temporal-dev-server';
import { migrate } from '../../db/migrate';
import { WORKFLOWS_PATH } from '../../workers/core';

export const TEST_APP_DB_PASSWORD = 'keel_app_test_password';

/** Fixed so recorded histories (encrypted with it) replay, and worker processes share it. */
export const TEST_PAYLOAD_KEY = Buffer.alloc(32, 7);

export interface TestServices {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  stop(): Promise<void>;
}

/**
 * What the test run shares, provisioned the way `npm start` does it: an embedded Postgres in a
 * throw-away directory (migrated), a Temporal dev server in memory, and the workflow bundle.
 */
export async function startTestServices(): Promise<TestServices> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'keel-test-'));
  // Postgres runs as the `postgres` user when the tests run as root: it must reach its data.
  await chmod(scratch, 0o755);
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const started = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: pgPort }),
    startTemporalDevServer({ cli: findTemporalCli(PROJECT_ROOT), port: temporalPort }),
    bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }),
  ]);
  const [pgResult, temporalResult, bundleResult] = started;
  if (pgResult.status === 'rejected' || temporalResult.status === 'rejected' || bundleResult.status === 'rejected') {
    // Stop whatever did start, so a failed setup leaves no server behind.
    if (pgResult.status === 'fulfilled') await pgResult.value.stop();
    if (temporalResult.status === 'fulfilled') await temporalResult.value.stop();
    await rm(scratch, { recursive: true, force: true });
    throw started.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))[0];
  }
  const [pg, temporal, bundle] = [pgResult.value, temporalResult.value, bundleResult.value];
  await migrate(pg.url, TEST_APP_DB_PASSWORD);
  const workflowBundlePath = path.join(scratch, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);
  return {
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    workflowBundlePath,
    async stop() {
      await temporal.stop();
      await pg.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

const quietLogger = {
  trace() {}, debug() {}, info() {}, log() {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
