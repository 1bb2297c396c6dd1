import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { inject } from 'vitest';
import { WEB_ROOT } from '../../bin/lib/console-build';
import { startStack, type RunningStack } from '../../bin/lib/stack';
import type { TicketWorkflowOptions } from '../../domain/ticket/workflow-options';
import type { QueueRole } from '../../workflows/task-queues';
import type { LoginLimits } from '../../api/auth/login-limiter';
import type { SignupLimits } from '../../api/auth/signup-limiter';
import { TEST_SEALING_KEY, accountStackOptions } from './account-mail';
import { TEST_APP_DB_PASSWORD, TEST_PAYLOAD_KEY } from './services';

export { TEST_PAYLOAD_KEY };

export const TEST_JWT_SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret-1234');

let bundle: { code: string } | null = null;

/** The prebuilt workflow bundle from the global setup: bundled once per run. */
export async function workflowBundle(): Promise<{ code: string }> {
  bundle ??= { code: await readFile(inject('workflowBundlePath'), 'utf8') };
  return bundle;
}

let slaBundle: { code: string } | null = null;

/** The `sla` queue's prebuilt bundle (workers/sla.ts), the one its workers run in production. */
export async function slaWorkflowBundle(): Promise<{ code: string }> {
  slaBundle ??= { code: await readFile(inject('slaWorkflowBundlePath'), 'utf8') };
  return slaBundle;
}

export interface TestStack extends RunningStack {
  taskQueue: string;
}

export interface TestStackOptions {
  worker?: boolean;
  api?: boolean;
  ticketOptions?: Partial<TicketWorkflowOptions>;
  taskQueue?: string;
  loginLimits?: Partial<LoginLimits>;
  signupLimits?: Partial<SignupLimits>;
  accessTokenTtlSeconds?: number;
  /** Serve the built console (web/dist) at `/`. */
  webRoot?: boolean;
  /** The worker's task-queue roles (`keel worker --queues`); all by default. */
  queues?: readonly QueueRole[];
  realtime?: { heartbeatMs?: number; sweepMs?: number };
  /** The relay for email notifications (`KEEL_NOTIFY_SMTP_URL`); none by default. */
  notifySmtpUrl?: string;
}

/**
 * What every test stack starts with: the run's shared Postgres and Temporal (migrated once by
 * the global setup), the test keys and prebuilt bundles, account mail to the run's sink, a
 * free port, quiet logs.
 */
export async function sharedStackOptions(taskQueue: string) {
  return {
    ownerDatabaseUrl: inject('databaseUrl'),
    appDbPassword: TEST_APP_DB_PASSWORD,
    temporalAddress: inject('temporalAddress'),
    namespace: 'default',
    taskQueue,
    port: 0,
    jwtSecret: TEST_JWT_SECRET,
    payloadKey: TEST_PAYLOAD_KEY,
    temporalUiUrl: null,
    migrate: false,
    workflowBundle: await workflowBundle(),
    slaWorkflowBundle: await slaWorkflowBundle(),
    ...(await accountStackOptions()),
    logger: pino({ level: 'warn' }),
  };
}

/** API and worker in this process, on their own task queue, against the run's shared services. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const stack = await startStack({
    ...(await sharedStackOptions(taskQueue)),
    ...(options.loginLimits && { loginLimits: options.loginLimits }),
    // Every suite signs up its organizations from loopback: the per-IP sign-up limit is tested on its own stack.
    signupLimits: { perIpPerHour: 100_000, perEmailPerHour: 100_000, ...options.signupLimits },
    ...(options.accessTokenTtlSeconds && { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
    ticketOptions: { autoCloseAfterMs: 3_600_000, maxHistoryEvents: 4_000, ...options.ticketOptions },
    webRoot: options.webRoot ? WEB_ROOT : null,
    api: options.api ?? true,
    worker: options.worker ?? true,
    ...(options.queues && { queues: options.queues }),
    ...(options.realtime && { realtime: options.realtime }),
    ...(options.notifySmtpUrl && { notifySmtpUrl: options.notifySmtpUrl }),
    // The tests' webhook receivers and mail servers listen on loopback.
    outbound: { allowPrivateNetworks: true },
    // As in production, the worker sends tickets' mail (a public reply on any ticket but a
    // chat is mailed, or its failure recorded); no inbound SMTP listener.
    email: { mailKey: TEST_SEALING_KEY, storageDir: await mkdtemp(path.join(tmpdir(), 'keel-test-mail-')), smtpPort: null },
  });
  return { ...stack, taskQueue };
}
