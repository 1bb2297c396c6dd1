import { afterAll, beforeAll, inject } from 'vitest';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { APP_ROLE } from '../../db/migrate';
import { TEST_APP_DB_PASSWORD } from './services';

/**
 * A connection to the run's database as the app role, the one the stack uses: row-level
 * security applies, so a suite sees and writes only what the app could.
 */
export function connectAsApp(pool: { min: number; max: number } = { min: 0, max: 2 }): Db {
  return connect(appRoleUrl(inject('databaseUrl'), { user: APP_ROLE, password: TEST_APP_DB_PASSWORD }), { pool });
}

/** `connectAsApp()` for a suite: opened before its tests, handed over by `assign`, closed after them. */
export function appDbForSuite(assign: (db: Db) => void): void {
  let db: Db | undefined;
  beforeAll(() => {
    db = connectAsApp();
    assign(db);
  });
  afterAll(async () => {
    await db?.destroy();
  });
}
