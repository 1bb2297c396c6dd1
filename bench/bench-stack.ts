import { readFile } from 'node:fs/promises';
import pino from 'pino';
import type { EphemeralServices } from '../bin/lib/ephemeral-services';
import { startStack, type StackOptions } from '../bin/lib/stack';
import { accountStackOptions } from '../test/helpers/account-mail';

export const BENCH_APP_PASSWORD = 'keel_app_bench_password';

/**
 * Keel's API (and, unless told otherwise, its worker in the same process) on the benchmark's
 * ephemeral services: the options every benchmark shares, with sign-up confirmations going
 * to a loopback SMTP sink the benchmark reads the link from. `overrides` names what differs.
 */
export async function startBenchStack(services: EphemeralServices, overrides: Partial<StackOptions> & Pick<StackOptions, 'taskQueue'>) {
  return startStack({
    ownerDatabaseUrl: services.databaseUrl,
    appDbPassword: BENCH_APP_PASSWORD,
    temporalAddress: services.temporalAddress,
    namespace: 'default',
    port: 0,
    jwtSecret: new TextEncoder().encode('bench-secret-bench-secret-bench-secret-00'),
    payloadKey: Buffer.alloc(32, 3),
    ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 },
    webRoot: null,
    temporalUiUrl: null,
    migrate: false,
    api: true,
    worker: true,
    workflowBundle: { code: await readFile(services.workflowBundlePath, 'utf8') },
    logger: pino({ level: 'warn' }),
    ...(await accountStackOptions()),
    ...overrides,
  });
}
