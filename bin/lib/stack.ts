import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { createApp } from '../../api/app';
import type { LoginLimits } from '../../api/auth/login-limiter';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { APP_ROLE, migrate } from '../../db/migrate';
import { createCoreWorker } from '../../workers/core';
import { createSlaWorker } from '../../workers/sla';
import { EncryptionCodec } from '../../workers/payload-codec';
import type { TicketWorkflowOptions } from '../../workflows/ticket';
import { startEmailChannel, type EmailChannelOptions } from '../../api/email/channel';

export interface StackOptions {
  ownerDatabaseUrl: string;
  appDbPassword: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  port: number;
  /** Interface to listen on: loopback by default, 0.0.0.0 in containers. */
  host?: string;
  jwtSecret: Uint8Array;
  /** AES-256 key for the payload codec: the Temporal server only sees ciphertext. */
  payloadKey: Buffer;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  loginLimits?: LoginLimits;
  ticketOptions: TicketWorkflowOptions;
  webRoot: string | null;
  temporalUiUrl: string | null;
  /** Run migrations first (the launcher does; tests migrate once in their global setup). */
  migrate?: boolean;
  /** The Temporal SDK's own log level (its logs are chatty at INFO). */
  temporalLogLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Run the API, a worker, or both in this process. */
  api: boolean;
  worker: boolean;
  workflowBundle?: { code: string };
  /** A prebuilt `sla` queue bundle (workers/sla.ts); otherwise bundled at worker start. */
  slaWorkflowBundle?: { code: string };
  /** Workflows the worker keeps cached; the SDK's heap-based default when absent. */
  maxCachedWorkflows?: number;
  /** SMTP URL for automation rules' email notifications (the worker sends them). */
  notifySmtpUrl?: string;
  logger?: Logger;
  /** The email channel: mail key, attachment storage, the inbound SMTP port (null: no listener). */
  email?: EmailChannelOptions;
}

export interface RunningStack {
  url: string;
  db: Db;
  temporal: Client;
  /** The inbound SMTP listener's port, when this process runs one. */
  smtpPort: number | null;
  stop(): Promise<void>;
}

/** Migrates, then runs Keel's API and/or worker against Postgres and Temporal that already run. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const logger = options.logger ?? pino({ level: 'info' });
  if (options.migrate ?? true) await migrate(options.ownerDatabaseUrl, options.appDbPassword);
  const db = connect(appRoleUrl(options.ownerDatabaseUrl, { user: APP_ROLE, password: options.appDbPassword }), { pool: { min: 0, max: 20 } });
  const dataConverter = { payloadCodecs: [new EncryptionCodec(options.payloadKey, 'keel-1')] };
  const connection = await Connection.connect({ address: options.temporalAddress });
  const temporal = new Client({ connection, namespace: options.namespace, dataConverter });

  const email = options.email
    ? startEmailChannel(options.email, { db, temporal, taskQueue: options.taskQueue, ticketOptions: options.ticketOptions, logger })
    : null;

  let worker: Worker | null = null;
  let slaWorker: Worker | null = null;
  let workerRun: Promise<void> | null = null;
  let workerConnection: NativeConnection | null = null;
  if (options.worker) {
    installTemporalRuntime(options.temporalLogLevel ?? 'WARN');
    workerConnection = await NativeConnection.connect({ address: options.temporalAddress });
    worker = await createCoreWorker({
      connection: workerConnection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      db,
      dataConverter,
      ...(options.workflowBundle && { workflowBundle: options.workflowBundle }),
      ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
      ...(options.notifySmtpUrl && { notifySmtpUrl: options.notifySmtpUrl }),
      ...(email && { emailActivities: email.activities }),
    });
    // The SLA clocks' queue, in this process until `keel worker --queues` splits the pools.
    slaWorker = await createSlaWorker({
      connection: workerConnection,
      namespace: options.namespace,
      baseTaskQueue: options.taskQueue,
      db,
      dataConverter,
      ...(options.slaWorkflowBundle && { workflowBundle: options.slaWorkflowBundle }),
      ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
    });
    workerRun = Promise.all([worker.run(), slaWorker.run()]).then(() => undefined);
    workerRun.catch((error) => logger.error({ err: error }, 'worker stopped'));
  }

  let server: Server | null = null;
  let url = '';
  if (options.api) {
    const app = createApp({
      db,
      temporal,
      taskQueue: options.taskQueue,
      logger,
      accessTokens: { secret: options.jwtSecret, ttlSeconds: options.accessTokenTtlSeconds ?? 900 },
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
      ...(options.loginLimits && { loginLimits: options.loginLimits }),
      ticketOptions: options.ticketOptions,
      webRoot: options.webRoot,
      temporalUiUrl: options.temporalUiUrl,
      ...(email && { email: email.apiDeps }),
    });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(listening));
      listening.once('error', reject);
    });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  }
  const smtp = options.api && email ? await email.listen(options.host ?? '127.0.0.1') : null;

  return {
    url,
    db,
    temporal,
    smtpPort: smtp?.port ?? null,
    async stop() {
      await smtp?.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server?.close(() => resolve()));
      }
      for (const running of [worker, slaWorker]) if (running && running.getState() === 'RUNNING') running.shutdown();
      await workerRun?.catch(() => undefined);
      await workerConnection?.close();
      await connection.close();
      await db.destroy();
    },
  };
}

let runtimeInstalled = false;

/** The SDK runtime can be configured once per process, before the first worker. */
function installTemporalRuntime(level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already created by an earlier worker in this process: keep its settings.
  }
}
