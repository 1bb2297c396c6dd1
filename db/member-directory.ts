import type { Knex } from 'knex';
import { Membership } from './models';

/** Who belongs to an org, and the few facts about a member the API looks up by id. */
export async function isMember(trx: Knex.Transaction, orgId: string, userId: string): Promise<boolean> {
  return (await Membership.query(trx).where({ org_id: orgId, user_id: userId }).select('user_id').first()) !== undefined;
}

/** Of the given user ids, those that are members of the org. */
export async function membersAmong(trx: Knex.Transaction, orgId: string, userIds: readonly string[]): Promise<string[]> {
  return (await Membership.query(trx).where('org_id', orgId).whereIn('user_id', userIds).select('user_id')).map((row) => row.user_id);
}

/** The member's role in the org, if they are one. */
export async function memberRole(trx: Knex.Transaction, orgId: string, userId: string): Promise<string | undefined> {
  return (await trx('memberships').where({ org_id: orgId, user_id: userId }).first<{ role: string } | undefined>('role'))?.role;
}

/** Whether the org has a member with this login address. */
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

/** A page of members ordered by login address, after the given address; one more than asked shows there are more. */
export async function listMembers(trx: Knex.Transaction, orgId: string, page: { afterEmail: string | null; limit: number }): Promise<MemberRow[]> {
  const builder = Membership.query(trx).joinRelated('user').where('memberships.org_id', orgId)
    .select('user.id', 'user.email', 'user.name', 'memberships.role')
    .castTo<MemberRow[]>();
  if (page.afterEmail !== null) builder.where('user.email', '>', page.afterEmail);
  return builder.orderBy('user.email').limit(page.limit + 1);
}

/** A member with their login's email and name and their role in the org. */
export async function findMember(trx: Knex.Transaction, orgId: string, userId: string): Promise<MemberRow | undefined> {
  return trx('memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where({ 'm.org_id': orgId, 'm.user_id': userId })
    .first<MemberRow | undefined>('u.id', 'u.email', 'u.name', 'm.role');
}

export async function addMembership(trx: Knex.Transaction, orgId: string, userId: string, role: string): Promise<void> {
  await trx('memberships').insert({ org_id: orgId, user_id: userId, role });
}

/** Adds the membership unless the user already has one in the org (which keeps its role). */
export async function addMembershipIfAbsent(trx: Knex.Transaction, orgId: string, userId: string, role: string): Promise<void> {
  await trx('memberships').insert({ org_id: orgId, user_id: userId, role }).onConflict(['org_id', 'user_id']).ignore();
}
