import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KeelEnv } from './config';

/**
 * The secrets a local install generates into `KEEL_DATA_DIR` on first start when their
 * variable is unset (see `config.ts`). A deployment sets them instead: the same values on every
 * API and worker, since each process generating its own would make tokens, Temporal payloads
 * and sealed mailbox passwords unreadable to the others.
 */
export const GENERATED_SECRETS = [
  { variable: 'JWT_SECRET', file: 'jwt-secret', value: 'at least 32 characters, e.g. `openssl rand -base64 48`' },
  { variable: 'KEEL_PAYLOAD_KEY', file: 'payload-key', value: 'the base64 of 32 random bytes, e.g. `openssl rand -base64 32`' },
  { variable: 'KEEL_MAIL_KEY', file: 'mail-key', value: 'the base64 of 32 random bytes, e.g. `openssl rand -base64 32`' },
] as const satisfies readonly { variable: keyof KeelEnv; file: string; value: string }[];

/**
 * What stops `keel api` / `keel worker` before they start: a secret that is not set, in
 * production (NODE_ENV=production: processes started at once on a shared volume would each
 * generate a different one) or while the data directory can neither give nor take a generated
 * one; and an attachment store that cannot be written. Checked up front so that a container
 * says what to set or mount, rather than crashing on its first write. Empty when all is well.
 */
export function servePreflight(env: KeelEnv, nodeEnv = process.env.NODE_ENV): string[] {
  const dataDir = path.resolve(env.KEEL_DATA_DIR);
  const production = nodeEnv === 'production';
  const dataDirWritable = writableDir(dataDir);
  const problems: string[] = [];
  for (const secret of GENERATED_SECRETS) {
    if (env[secret.variable] !== undefined) continue;
    const fix = `set ${secret.variable} to ${secret.value}, the same on every API and worker.`;
    if (production) problems.push(`${secret.variable} is not set, and in production (NODE_ENV=production) it is never generated: ${fix}`);
    else if (!readable(path.join(dataDir, secret.file)) && !dataDirWritable) {
      problems.push(`${secret.variable} is not set, and KEEL_DATA_DIR (${dataDir}) is not writable to keep a generated one: ${fix}`);
    }
  }
  const attachments = path.join(dataDir, 'attachments');
  if (!writableDir(attachments)) {
    problems.push(`KEEL_DATA_DIR (${dataDir}) is not writable: mail attachments are stored in ${attachments}. Point KEEL_DATA_DIR at a writable directory (a volume shared by the API and every worker).`);
  }
  return problems;
}

/** Whether `dir` exists, or can be created, and this process may write into it. */
function writableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readable(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
