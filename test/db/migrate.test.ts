import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { TEST_APP_DB_PASSWORD } from '../global-setup';

/** A fresh database in the test cluster, as a new deployment starts with. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `migrate_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

describe('migrate', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('lets several processes that start at once (api and worker pools) all migrate one fresh database', async () => {
    const database = await freshDatabase();
    drops.push(database.drop);
    const results = await Promise.allSettled([1, 2, 3].map(() => migrate(database.url, TEST_APP_DB_PASSWORD)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    const db = connect(database.url, { pool: { min: 0, max: 1 } });
    try {
      const migrations = await db('knex_migrations').select('name');
      const names = migrations.map((row: { name: string }) => row.name);
      // Each migration ran once, not once per process.
      expect(new Set(names).size).toBe(names.length);
      expect(names.length).toBeGreaterThan(5);
    } finally {
      await db.destroy();
    }
  });
});
