import { mkdtemp, rm, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { freePort } from './lib/free-port';
import { TABLE_ROWS_FILE, tableRowTypes } from './lib/table-rows-contract';
import { migrate } from '../db/migrate';

/**
 * `npm run generate:db-rows`: migrates a throw-away embedded Postgres and rewrites the models'
 * row types from the tables it then holds, so a model's columns are the migration's, never a
 * hand-copied list.
 */
const scratch = await mkdtemp(path.join(tmpdir(), 'keel-rows-'));
await chmod(scratch, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort() });
try {
  await migrate(pg.url, 'keel_rows_generator');
  await writeFile(TABLE_ROWS_FILE, await tableRowTypes(pg.url));
  console.log(`wrote ${TABLE_ROWS_FILE}`);
} finally {
  await pg.stop();
  await rm(scratch, { recursive: true, force: true });
}
