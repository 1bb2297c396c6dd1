import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_TICKET_OPTIONS } from '../../domain/ticket/workflow-options';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  KEEL_DATA_DIR: z.string().default(path.join(PROJECT_ROOT, '.data')),
  /** How many tickets `start --demo` seeds (the launcher's own test asks for a few). */
  KEEL_DEMO_TICKETS: z.coerce.number().int().min(1).max(2000).default(240),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  KEEL_APP_DB_PASSWORD: z.string().min(1).default('keel_app_dev_password'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  TEMPORAL_UI_URL: z.string().optional(),
  KEEL_TASK_QUEUE: z.string().default('core'),
  /** A prebuilt workflow bundle (from `bundleWorkflowCode`): skips bundling at worker start. */
  KEEL_WORKFLOW_BUNDLE: z.string().optional(),
  /** The same for the `sla` queue's bundle (workers/sla.ts). */
  KEEL_SLA_WORKFLOW_BUNDLE: z.string().optional(),
  /**
   * How many workflows the worker keeps in memory between tasks (the SDK's default follows the
   * heap size: about 2,300 on a 4 GiB heap). Past it, a workflow's next task replays its history.
   */
  KEEL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** `sdk` runs the SDK's own workflow threads (deadlock detection, stack traces): workers/lean-worker.ts. */
  KEEL_WORKFLOW_THREADS: z.enum(['lean', 'sdk']).default('lean'),
  KEEL_PAYLOAD_KEY: z.string().optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(30 * 24 * 3600),
  TICKET_AUTO_CLOSE_HOURS: z.coerce.number().min(0).default(DEFAULT_TICKET_OPTIONS.autoCloseAfterMs / 3_600_000),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  KEEL_MAIL_KEY: z.string().optional(),
  KEEL_MAIL_MAX_MESSAGE_MB: z.coerce.number().positive().default(25),
  KEEL_MAIL_MAX_ATTACHMENT_MB: z.coerce.number().positive().default(10),
  KEEL_MAIL_SENDER_CAP: z.coerce.number().int().min(1).default(30),
  /** SMTP URL for automation rules' email notifications; unset, they are stored as skipped. */
  KEEL_NOTIFY_SMTP_URL: z.string().url().optional(),
  /** Let webhooks and mailbox SMTP/IMAP reach loopback and private networks (development, tests). */
  KEEL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Sender of account mail (sign-up confirmations), sent through KEEL_NOTIFY_SMTP_URL. */
  KEEL_ACCOUNT_MAIL_FROM: z.string().min(3).default('Keel <no-reply@localhost>'),
  /** The console's public URL: links in account mail, Secure cookies when https. */
  KEEL_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type KeelEnv = z.infer<typeof Env>;

/** Reads the environment once; a bad value stops start-up with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): KeelEnv {
  const result = Env.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * The JWT signing secret: `JWT_SECRET`, or for a local install one generated on first start
 * and kept in the data directory, so sessions survive restarts.
 */
export function jwtSecret(env: KeelEnv): Uint8Array {
  return new TextEncoder().encode(env.JWT_SECRET ?? localSecret(env, 'jwt-secret', () => randomBytes(48).toString('base64url')));
}

/** The payload-encryption key: `KEEL_PAYLOAD_KEY` (base64 of 32 bytes), or a local generated one. */
export function payloadKey(env: KeelEnv): Buffer {
  const key = Buffer.from(env.KEEL_PAYLOAD_KEY ?? localSecret(env, 'payload-key', () => randomBytes(32).toString('base64')), 'base64');
  if (key.length !== 32) throw new Error('KEEL_PAYLOAD_KEY must be the base64 encoding of 32 bytes.');
  return key;
}

/** The key that seals mailbox credentials: `KEEL_MAIL_KEY` (base64 of 32 bytes), or a local generated one. */
export function mailKey(env: KeelEnv): Buffer {
  const key = Buffer.from(env.KEEL_MAIL_KEY ?? localSecret(env, 'mail-key', () => randomBytes(32).toString('base64')), 'base64');
  if (key.length !== 32) throw new Error('KEEL_MAIL_KEY must be the base64 encoding of 32 bytes.');
  return key;
}

/** The email channel's settings from the environment (attachments under the data directory). */
export function emailOptions(env: KeelEnv) {
  return {
    mailKey: mailKey(env),
    storageDir: path.join(env.KEEL_DATA_DIR, 'attachments'),
    smtpPort: env.SMTP_PORT,
    settings: {
      maxMessageBytes: Math.round(env.KEEL_MAIL_MAX_MESSAGE_MB * 1024 * 1024),
      maxAttachmentBytes: Math.round(env.KEEL_MAIL_MAX_ATTACHMENT_MB * 1024 * 1024),
      senderCap: env.KEEL_MAIL_SENDER_CAP,
    },
  };
}

function localSecret(env: KeelEnv, name: string, generate: () => string): string {
  const file = path.join(env.KEEL_DATA_DIR, name);
  if (!existsSync(file)) {
    mkdirSync(env.KEEL_DATA_DIR, { recursive: true });
    writeFileSync(file, generate(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
