import { readFile } from 'node:fs/promises';
import type { EphemeralServices } from '../../bin/lib/ephemeral-services';
import type { StackOptions } from '../../bin/lib/stack';

/**
 * What the scripts that run Keel whole in their own process on throw-away services share (the
 * benchmarks, the history recorders): API and worker on a free port, on services already
 * migrated, with no console. Each script adds its secrets, task queue and logger.
 */
export async function servicesStackOptions(services: EphemeralServices, appDbPassword: string) {
  return {
    ownerDatabaseUrl: services.databaseUrl,
    appDbPassword,
    temporalAddress: services.temporalAddress,
    namespace: 'default',
    port: 0,
    webRoot: null,
    temporalUiUrl: null,
    migrate: false,
    api: true,
    worker: true,
    workflowBundle: { code: await readFile(services.workflowBundlePath, 'utf8') },
  } satisfies Partial<StackOptions>;
}
