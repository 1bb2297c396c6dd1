import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { createApp } from '../../api/app';
import { attachGateway, type Gateway } from '../../api/realtime/gateway';
import type { LoginLimits } from '../../api/auth/login-limiter';
import type { SignupLimits } from '../../api/auth/signup-limiter';
import { SecretBox } from '../../db/secret-box';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { APP_ROLE, migrate } from '../../db/migrate';
import { createWorkerPools } from '../../workers/pools';
import type { WorkflowThreads } from '../../workers/lean-worker';
import type { QueueRole } from '../../workflows/task-queues';
import { EncryptionCodec } from '../../workers/payload-codec';
import type { TicketWorkflowOptions } from '../../domain/ticket/workflow-options';
import { startEmailChannel, type EmailChannelOptions } from '../../workers/email-channel';
import { STRICT_OUTBOUND_POLICY, type OutboundPolicy } from '../../domain/network/address-policy';
import { invitationMailer, type InvitationMailer } from '../../api/invitations/mailer';
import { systemMailer } from '../../outbound/system-mail';
import { startNotificationMailer } from '../../workers/notification-mailer';

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
  loginLimits?: Partial<LoginLimits>;
  signupLimits?: Partial<SignupLimits>;
  /** Key (32 bytes, `KEEL_MAIL_KEY`) sealing TOTP secrets; the email channel's mail key when absent. */
  sealingKey?: Buffer;
  /** System mail (sign-up confirmations, invitations): the SMTP relay (unset: `notifySmtpUrl`, else logged and printed) and sender. */
  accountMail?: { smtpUrl?: string; from: string };
  /** The console's public URL, in mailed links (default `http://localhost:{port}`). */
  publicUrl?: string;
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
  /** The task queues this process's worker polls (`keel worker --queues`); every one by default. */
  queues?: readonly QueueRole[];
  workflowBundle?: { code: string };
  /** A prebuilt `sla` queue bundle (workers/sla.ts); otherwise bundled at worker start. */
  slaWorkflowBundle?: { code: string };
  /** Workflows the worker keeps cached; the SDK's heap-based default when absent. */
  maxCachedWorkflows?: number;
  /** Keel's lean workflow threads unless `sdk` (`KEEL_WORKFLOW_THREADS`, workers/lean-worker.ts). */
  workflowThreads?: WorkflowThreads;
  /** SMTP URL for automation rules' email notifications (the worker sends them). */
  notifySmtpUrl?: string;
  /** Where webhooks and mailbox SMTP/IMAP may connect; private networks refused when absent. */
  outbound?: OutboundPolicy;
  /** Replaces invitation mail (system mail otherwise): the demo seed reads tokens from it. */
  invitationMailer?: InvitationMailer;
  logger?: Logger;
  /** The email channel: mail key, attachment storage, the inbound SMTP port (null: no listener). */
  email?: EmailChannelOptions;
  /** The WebSocket gateway's heartbeat and safety-sweep periods (tests shorten them). */
  realtime?: { heartbeatMs?: number; sweepMs?: number };
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
  const sealingKey = options.sealingKey ?? options.email?.mailKey;
  if (options.migrate ?? true) await migrate(options.ownerDatabaseUrl, options.appDbPassword, { ...(sealingKey && { sealingKey }) });
  const appDatabaseUrl = appRoleUrl(options.ownerDatabaseUrl, { user: APP_ROLE, password: options.appDbPassword });
  const db = connect(appDatabaseUrl, { pool: { min: 0, max: 20 } });
  const dataConverter = { payloadCodecs: [new EncryptionCodec(options.payloadKey, 'keel-1')] };
  const connection = await Connection.connect({ address: options.temporalAddress });
  const temporal = new Client({ connection, namespace: options.namespace, dataConverter });

  const outbound = options.outbound ?? STRICT_OUTBOUND_POLICY;
  const email = options.email
    ? startEmailChannel(options.email, {
      db, temporal, taskQueue: options.taskQueue, ticketOptions: options.ticketOptions, logger, outbound,
      // The survey's rating link is signed with the API's token secret, which the portal checks.
      survey: { publicUrl: options.publicUrl ?? `http://localhost:${options.port}`, secret: options.jwtSecret },
    })
    : null;

  let workers: Worker[] = [];
  let workerRuns: Promise<void>[] = [];
  let workerConnection: NativeConnection | null = null;
  let notificationMailer: { close(): Promise<void> } | null = null;
  if (options.worker) {
    installTemporalRuntime(options.temporalLogLevel ?? 'WARN');
    workerConnection = await NativeConnection.connect({ address: options.temporalAddress });
    const pools = await createWorkerPools({
      connection: workerConnection,
      namespace: options.namespace,
      baseTaskQueue: options.taskQueue,
      db,
      dataConverter,
      ...(options.queues && { roles: options.queues }),
      ...(options.workflowBundle && { workflowBundle: options.workflowBundle }),
      ...(options.slaWorkflowBundle && { slaWorkflowBundle: options.slaWorkflowBundle }),
      ...(options.maxCachedWorkflows !== undefined && { maxCachedWorkflows: options.maxCachedWorkflows }),
      ...(options.workflowThreads && { workflowThreads: options.workflowThreads }),
      ...(options.notifySmtpUrl && { notifySmtpUrl: options.notifySmtpUrl }),
      outbound,
      ...(email && { emailActivities: email.activities }),
    });
    workers = pools.map((pool) => pool.worker);
    // The notification centre's email copies, sent beside the core pool that stores them.
    if (options.notifySmtpUrl && (options.queues ?? ['core']).includes('core')) {
      notificationMailer = startNotificationMailer({ db, databaseUrl: appDatabaseUrl, smtpUrl: options.notifySmtpUrl, logger });
    }
    workerRuns = pools.map((pool) => {
      const run = pool.worker.run();
      run.catch((error) => logger.error({ err: error, taskQueue: pool.taskQueue }, 'worker stopped'));
      return run;
    });
  }

  let server: Server | null = null;
  let gateway: Gateway | null = null;
  let url = '';
  if (options.api) {
    if (!sealingKey) throw new Error('The API needs a sealing key (KEEL_MAIL_KEY) for TOTP secrets.');
    const systemMail = systemMailer({ smtpUrl: options.accountMail?.smtpUrl ?? options.notifySmtpUrl, from: options.accountMail?.from ?? 'Keel <no-reply@localhost>', logger });
    const accessTokens = { secret: options.jwtSecret, ttlSeconds: options.accessTokenTtlSeconds ?? 900 };
    const app = createApp({
      db,
      temporal,
      taskQueue: options.taskQueue,
      logger,
      accessTokens,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
      ...(options.loginLimits && { loginLimits: options.loginLimits }),
      ...(options.signupLimits && { signupLimits: options.signupLimits }),
      secrets: new SecretBox(sealingKey),
      accountMail: systemMail,
      publicUrl: options.publicUrl ?? `http://localhost:${options.port}`,
      ticketOptions: options.ticketOptions,
      webRoot: options.webRoot,
      temporalUiUrl: options.temporalUiUrl,
      ...(email && { email: email.apiDeps }),
      invitations: {
        mailer: options.invitationMailer ?? invitationMailer(systemMail),
        publicUrl: options.publicUrl ?? `http://localhost:${options.port}`,
      },
    });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(listening));
      listening.once('error', reject);
    });
    gateway = attachGateway(server, { db, databaseUrl: appDatabaseUrl, tokens: accessTokens, logger, ...options.realtime });
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
      await gateway?.close();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server?.close(() => resolve()));
      }
      await notificationMailer?.close();
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.all(workerRuns.map((run) => run.catch(() => undefined)));
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
    // No shutdown signals: `keel` stops its workers itself, in order (bin/keel.ts), and tests own theirs.
    Runtime.install({ logger: new DefaultLogger(level), shutdownSignals: [] });
  } catch {
    // Already created by an earlier worker in this process: keep its settings.
  }
}
