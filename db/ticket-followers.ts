import type { Knex } from 'knex';

/**
 * A ticket's followers: members told of its changes (domain/notifications). Every write here
 * moves `tickets.follower_count` by exactly the rows it inserted or deleted, in the same
 * transaction, so the count the ticket's change reads back with its own UPDATE is always
 * the number of rows (see migrations/038_ticket_followers.ts for why the count exists). An
 * increment rather than a recount, so two concurrent follows of one ticket each add their own
 * row once: the row lock on the ticket orders them and each reads the other's count.
 */
export interface FollowerRow {
  userId: string;
  name: string;
  email: string;
  addedBy: string | null;
  createdAt: string;
}

/** The ticket's followers, first follower first, with their names. */
export async function listFollowers(trx: Knex.Transaction, orgId: string, number: number): Promise<FollowerRow[]> {
  const rows: { user_id: string; name: string; email: string; added_by: string | null; created_at: Date }[] = await trx('ticket_followers as f')
    .join('users as u', 'u.id', 'f.user_id')
    .where({ 'f.org_id': orgId, 'f.ticket_number': number })
    .orderBy([{ column: 'f.created_at' }, { column: 'u.name' }])
    .select('f.user_id', 'u.name', 'u.email', 'f.added_by', 'f.created_at');
  return rows.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, addedBy: row.added_by, createdAt: row.created_at.toISOString() }));
}

/** The user ids following the ticket (what a change's notifications read). */
export async function followerIds(trx: Knex.Transaction, orgId: string, number: number): Promise<string[]> {
  return trx('ticket_followers').where({ org_id: orgId, ticket_number: number }).pluck('user_id');
}

async function moveCount(trx: Knex.Transaction, orgId: string, number: number, by: number): Promise<void> {
  if (by !== 0) await trx('tickets').where({ org_id: orgId, number }).update({ follower_count: trx.raw('follower_count + ?', [by]) });
}

/** Makes the member a follower; false when they already were (nothing changes). */
export async function addFollower(trx: Knex.Transaction, orgId: string, number: number, userId: string, addedBy: string): Promise<boolean> {
  const inserted = await trx('ticket_followers').insert({ org_id: orgId, ticket_number: number, user_id: userId, added_by: addedBy })
    .onConflict(['org_id', 'ticket_number', 'user_id']).ignore().returning('user_id');
  await moveCount(trx, orgId, number, inserted.length);
  return inserted.length > 0;
}

/** Stops the member following the ticket; false when they did not. */
export async function removeFollower(trx: Knex.Transaction, orgId: string, number: number, userId: string): Promise<boolean> {
  const deleted = await trx('ticket_followers').where({ org_id: orgId, ticket_number: number, user_id: userId }).delete();
  await moveCount(trx, orgId, number, -deleted);
  return deleted > 0;
}

/** A merge: the merged ticket's followers follow the ticket it went into (once each) and no longer the merged one. */
export async function moveFollowers(trx: Knex.Transaction, orgId: string, from: number, to: number): Promise<void> {
  const moved: { user_id: string; added_by: string | null }[] = await trx('ticket_followers').where({ org_id: orgId, ticket_number: from }).delete().returning(['user_id', 'added_by']);
  if (moved.length === 0) return;
  await moveCount(trx, orgId, from, -moved.length);
  const inserted = await trx('ticket_followers')
    .insert(moved.map((row) => ({ org_id: orgId, ticket_number: to, user_id: row.user_id, added_by: row.added_by })))
    .onConflict(['org_id', 'ticket_number', 'user_id']).ignore().returning('user_id');
  await moveCount(trx, orgId, to, inserted.length);
}
