/**
 * The key a migration run may use to seal secrets (`KEEL_MAIL_KEY`): knex hands migrations
 * nothing but a connection, so `db/migrate.ts` provides it here for the length of one run.
 */
let current: Buffer | null = null;

export function provideSealingKey(key: Buffer | null): void {
  current = key;
}

export function sealingKey(): Buffer | null {
  return current;
}
