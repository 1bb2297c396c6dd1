import pino from 'pino';
import { DEFAULT_TICKET_OPTIONS } from '../../domain/ticket/workflow-options';
import { emailOptions, jwtSecret, mailKey, payloadKey, type KeelEnv } from './config';
import type { StackOptions } from './stack';

/** What `keel start`, `keel api` and `keel worker` each decide for themselves. */
type RoleOptions = 'ownerDatabaseUrl' | 'temporalAddress' | 'webRoot' | 'temporalUiUrl' | 'api' | 'worker';

/** The stack's settings that come straight from the environment, the same for every command. */
export function stackOptionsFrom(env: KeelEnv): Omit<StackOptions, RoleOptions> {
  return {
    appDbPassword: env.KEEL_APP_DB_PASSWORD,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.KEEL_TASK_QUEUE,
    port: env.PORT,
    host: env.HOST,
    jwtSecret: jwtSecret(env),
    payloadKey: payloadKey(env),
    email: emailOptions(env),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    ticketOptions: { autoCloseAfterMs: env.TICKET_AUTO_CLOSE_HOURS * 3_600_000, maxHistoryEvents: DEFAULT_TICKET_OPTIONS.maxHistoryEvents },
    ...(env.KEEL_MAX_CACHED_WORKFLOWS !== undefined && { maxCachedWorkflows: env.KEEL_MAX_CACHED_WORKFLOWS }),
    workflowThreads: env.KEEL_WORKFLOW_THREADS,
    ...(env.KEEL_NOTIFY_SMTP_URL && { notifySmtpUrl: env.KEEL_NOTIFY_SMTP_URL }),
    outbound: { allowPrivateNetworks: env.KEEL_WEBHOOK_ALLOW_PRIVATE_NETWORKS },
    sealingKey: mailKey(env),
    accountMail: { ...(env.KEEL_NOTIFY_SMTP_URL && { smtpUrl: env.KEEL_NOTIFY_SMTP_URL }), from: env.KEEL_ACCOUNT_MAIL_FROM },
    publicUrl: env.KEEL_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    logger: pino({ level: env.LOG_LEVEL }),
  };
}
