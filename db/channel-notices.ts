import type { Db } from './connection';

/**
 * Sends an ephemeral notice to every process LISTENing on `channel` (presence, typing): a
 * Postgres NOTIFY only, never a row, so nothing of it outlives the moment.
 */
export async function notifyChannel(db: Db, channel: string, payload: string): Promise<void> {
  await db.raw('SELECT pg_notify(?, ?)', [channel, payload]);
}
