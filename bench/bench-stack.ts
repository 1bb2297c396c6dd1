import pino from 'pino';
import type { EphemeralServices } from '../bin/lib/ephemeral-services';
import { startStack, type StackOptions } from '../bin/lib/stack';
import { accountStackOptions } from '../test/helpers/account-mail';
import { servicesStackOptions } from '../test/helpers/services-stack';

export const BENCH_APP_PASSWORD = 'keel_app_bench_password';

/**
 * Keel's API (and, unless told otherwise, its worker in the same process) on the benchmark's
 * ephemeral services: the options every benchmark shares, with sign-up confirmations going
 * to a loopback SMTP sink the benchmark reads the link from. `overrides` names what differs.
 */
export async function startBenchStack(services: EphemeralServices, overrides: Partial<StackOptions> & Pick<StackOptions, 'taskQueue'>) {
  return startStack({
    ...(await servicesStackOptions(services, BENCH_APP_PASSWORD)),
    jwtSecret: new TextEncoder().encode('bench-secret-bench-secret-bench-secret-00'),
    payloadKey: Buffer.alloc(32, 3),
    ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000 },
    logger: pino({ level: 'warn' }),
    ...(await accountStackOptions()),
    ...overrides,
  });
}
