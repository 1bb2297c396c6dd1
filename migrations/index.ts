import type { Knex } from 'knex';
import * as core from './001_core';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** Migrations in order. Listed explicitly so they load the same under tsx, vitest and bundlers. */
const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [['001_core', core]];

export const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
