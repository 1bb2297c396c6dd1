import type { Knex } from 'knex';
import { Membership } from './models';

/**
 * Who belongs to an org, and the few facts about a member the API looks up by id. A
 * deactivated member is no member here (no sign-in, no assignment, no team); only the
 * directory listing and `hasMemberWithEmail` still see them.
 */
export async function isMember(trx: Knex.Transaction, orgId: string, userId: string): Promise<boolean> {
  return (await Membership.query(trx).where({ org_id: orgId, user_id: userId }).whereNull('deactivated_at').select('user_id').first()) !== undefined;
}

/** Of the given user ids, those that are active members of the org. */
export async function membersAmong(trx: Knex.Transaction, orgId: string, userIds: readonly string[]): Promise<string[]> {
  return (await Membership.query(trx).where('org_id', orgId).whereIn('user_id', userIds).whereNull('deactivated_at').select('user_id')).map((row) => row.user_id);
}

/** The member's role in the org, if they are an active member. */
export async function memberRole(trx: Knex.Transaction, orgId: string, userId: string): Promise<string | undefined> {
  return (await trx('memberships').where({ org_id: orgId, user_id: userId }).whereNull('deactivated_at').first<{ role: string } | undefined>('role'))?.role;
}

/** Whether the org has a member, active or deactivated, with this login address. */
export async function hasMemberWithEmail(trx: Knex.Transaction, orgId: string, email: string): Promise<boolean> {
  const member = await trx('memberships as m').join('users as u', 'u.id', 'm.user_id').where({ 'm.org_id': orgId, 'u.email': email }).first('m.user_id');
  return member !== undefined;
}

export async function userEmail(trx: Knex.Transaction, userId: string): Promise<string | undefined> {
  return (await trx('users').where('id', userId).first<{ email: string } | undefined>('email'))?.email;
}

export async function userName(trx: Knex.Transaction, userId: string): Promise<string | undefined> {
  return (await trx('users').where({ id: userId }).first<{ name: string } | undefined>('name'))?.name;
}

export interface MemberRow { id: string; email: string; name: string; role: string }

/** A directory entry: the member, and since when they are deactivated (null while active). */
export interface DirectoryRow extends MemberRow { deactivated_at: Date | null }

/** A page of members, deactivated ones too, ordered by login address after the given one; one more than asked shows there are more. */
export async function listMembers(
  trx: Knex.Transaction,
  orgId: string,
  page: { afterEmail: string | null; limit: number; status: 'active' | 'deactivated' | 'all' },
): Promise<DirectoryRow[]> {
  const builder = Membership.query(trx).joinRelated('user').where('memberships.org_id', orgId)
    .select('user.id', 'user.email', 'user.name', 'memberships.role', 'memberships.deactivated_at')
    .castTo<DirectoryRow[]>();
  if (page.status === 'active') builder.whereNull('memberships.deactivated_at');
  if (page.status === 'deactivated') builder.whereNotNull('memberships.deactivated_at');
  if (page.afterEmail !== null) builder.where('user.email', '>', page.afterEmail);
  return builder.orderBy('user.email').limit(page.limit + 1);
}

/** An active member with their login's email and name and their role in the org. */
export async function findMember(trx: Knex.Transaction, orgId: string, userId: string): Promise<MemberRow | undefined> {
  return trx('memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where({ 'm.org_id': orgId, 'm.user_id': userId })
    .whereNull('m.deactivated_at')
    .first<MemberRow | undefined>('u.id', 'u.email', 'u.name', 'm.role');
}

/** A member, active or not, locked for a change to their membership. */
export async function lockDirectoryEntry(trx: Knex.Transaction, orgId: string, userId: string): Promise<DirectoryRow | undefined> {
  return trx('memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where({ 'm.org_id': orgId, 'm.user_id': userId })
    .forUpdate('m')
    .first<DirectoryRow | undefined>('u.id', 'u.email', 'u.name', 'm.role', 'm.deactivated_at');
}

export async function setMemberRole(trx: Knex.Transaction, orgId: string, userId: string, role: string): Promise<void> {
  await trx('memberships').where({ org_id: orgId, user_id: userId }).update({ role });
}

/** Deactivates (with who did it) or, given null, reactivates a membership. */
export async function setMemberDeactivated(trx: Knex.Transaction, orgId: string, userId: string, by: { at: Date; actorId: string } | null): Promise<void> {
  await trx('memberships').where({ org_id: orgId, user_id: userId })
    .update({ deactivated_at: by?.at ?? null, deactivated_by: by?.actorId ?? null });
}

export async function addMembership(trx: Knex.Transaction, orgId: string, userId: string, role: string): Promise<void> {
  await trx('memberships').insert({ org_id: orgId, user_id: userId, role });
}

/** Adds the membership unless the user already has one in the org (which keeps its role). */
export async function addMembershipIfAbsent(trx: Knex.Transaction, orgId: string, userId: string, role: string): Promise<void> {
  await trx('memberships').insert({ org_id: orgId, user_id: userId, role }).onConflict(['org_id', 'user_id']).ignore();
}
