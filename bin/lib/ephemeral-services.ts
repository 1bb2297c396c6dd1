import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT } from './config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';
import { findTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';
import { migrate } from '../../db/migrate';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../workers/core';
import { SLA_WORKFLOW_BUNDLE_OPTIONS } from '../../workers/sla';

export interface EphemeralServices {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  /** The `sla` queue's bundle (workers/sla.ts). */
  slaWorkflowBundlePath: string;
  stop(): Promise<void>;
}

/**
 * Throw-away services for tests and benchmarks, provisioned the way `npm start` does it: an
 * embedded Postgres in a temporary directory (migrated), a Temporal dev server in memory, and
 * the workflow bundle.
 */
export async function startEphemeralServices(appDbPassword: string): Promise<EphemeralServices> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'keel-test-'));
  // Postgres runs as the `postgres` user when the tests run as root: it must reach its data.
  await chmod(scratch, 0o755);
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const started = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: pgPort }),
    findTemporalCli(PROJECT_ROOT).then((cli) => startTemporalDevServer({ cli, port: temporalPort })),
    bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger }),
    bundleWorkflowCode({ ...SLA_WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger }),
  ]);
  const [pgResult, temporalResult, bundleResult, slaBundleResult] = started;
  if (pgResult.status === 'rejected' || temporalResult.status === 'rejected' || bundleResult.status === 'rejected' || slaBundleResult.status === 'rejected') {
    // Stop whatever did start, so a failed setup leaves no server behind.
    if (pgResult.status === 'fulfilled') await pgResult.value.stop();
    if (temporalResult.status === 'fulfilled') await temporalResult.value.stop();
    await rm(scratch, { recursive: true, force: true });
    throw started.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))[0];
  }
  const [pg, temporal, bundle, slaBundle] = [pgResult.value, temporalResult.value, bundleResult.value, slaBundleResult.value];
  await migrate(pg.url, appDbPassword);
  const workflowBundlePath = path.join(scratch, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);
  const slaWorkflowBundlePath = path.join(scratch, 'sla-workflow-bundle.js');
  await writeFile(slaWorkflowBundlePath, slaBundle.code);
  return {
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    workflowBundlePath,
    slaWorkflowBundlePath,
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
