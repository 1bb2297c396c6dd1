import type { TestProject } from 'vitest/node';
import { startTestServices } from './helpers/services';

export { TEST_APP_DB_PASSWORD } from './helpers/services';

/** One Postgres, one Temporal dev server and one workflow bundle for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startTestServices();
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('temporalAddress', services.temporalAddress);
  project.provide('workflowBundlePath', services.workflowBundlePath);
  project.provide('slaWorkflowBundlePath', services.slaWorkflowBundlePath);
  return services.stop;
}
