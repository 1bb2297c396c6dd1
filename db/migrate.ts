import { connect } from './connection';
import { migrationSource } from '../migrations/index';
import { provideSealingKey } from '../migrations/sealing-key';

export const APP_ROLE = 'keel_app';
/**
 * Every process that starts (`keel api`, `keel worker`, each pool under compose) migrates first.
 * knex's own lock makes a second migrator fail rather than wait, and the role and grant
 * statements below race too, so the whole step runs under one advisory lock per database.
 */
const MIGRATION_LOCK = 'keel.migrate';

/**
 * Bring the schema up to date as the owner, then make sure the unprivileged app role exists
 * and may use (but never own or bypass) the tables. `sealingKey` (`KEEL_MAIL_KEY`) lets a
 * migration seal secrets already stored in clear.
 */
export async function migrate(ownerUrl: string, appRolePassword: string, options: { sealingKey?: Buffer } = {}): Promise<void> {
  const db = connect(ownerUrl, { pool: { min: 0, max: 1 } });
  provideSealingKey(options.sealingKey ?? null);
  try {
    // The pool holds one connection, so the session-level lock covers every statement here.
    await db.raw('SELECT pg_advisory_lock(hashtext(?))', [MIGRATION_LOCK]);
    await db.migrate.latest({ migrationSource });
    await db.raw(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
           CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
         END IF;
       END $$;`,
    );
    await db.raw(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOBYPASSRLS PASSWORD ${quoteLiteral(appRolePassword)}`);
    await db.raw(`
      GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE};
      REVOKE UPDATE, DELETE, TRUNCATE ON event_log FROM ${APP_ROLE};
      REVOKE ALL ON knex_migrations, knex_migrations_lock FROM ${APP_ROLE};
    `);
  } finally {
    provideSealingKey(null);
    // Closing the connection releases the advisory lock too, even when a statement failed.
    await db.destroy();
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
