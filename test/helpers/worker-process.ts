import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { TEST_APP_DB_PASSWORD, TEST_PAYLOAD_KEY } from './services';
import { untilWorkerPolls } from './worker-polling';

/** A real worker process: `keel worker`, on this test's task queue. */
export async function startWorkerProcess(taskQueue: string): Promise<ChildProcess> {
  // Node itself runs the worker (tsx as a loader), so the PID we kill is the worker's own.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/keel.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      KEEL_TASK_QUEUE: taskQueue,
      KEEL_APP_DB_PASSWORD: TEST_APP_DB_PASSWORD,
      KEEL_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      KEEL_SLA_WORKFLOW_BUNDLE: inject('slaWorkflowBundlePath'),
      JWT_SECRET: 'x'.repeat(32),
      KEEL_PAYLOAD_KEY: TEST_PAYLOAD_KEY.toString('base64'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await untilWorkerPolls(child, 60_000);
  return child;
}

