import knex, { type Knex } from 'knex';
import pg from 'pg';

// Bigint counts and ids come back as strings by default; every bigint Keel reads fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export type Db = Knex;

export function connect(url: string, options: { pool?: { min: number; max: number } } = {}): Db {
  return knex({ client: 'pg', connection: url, pool: options.pool ?? { min: 0, max: 10 } });
}

/** The application's connection string: the owner's URL with the app role's credentials. */
export function appRoleUrl(ownerUrl: string, appRole: { user: string; password: string }): string {
  const url = new URL(ownerUrl);
  url.username = appRole.user;
  url.password = appRole.password;
  return url.toString();
}
