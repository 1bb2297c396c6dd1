import type { Knex } from 'knex';
import { MemberSkill } from './models';

/** A member's skills (what skills-based assignment matches on), in order. */
export async function listMemberSkills(trx: Knex.Transaction, orgId: string, userId: string): Promise<string[]> {
  return (await MemberSkill.query(trx).where({ org_id: orgId, user_id: userId }).orderBy('skill').select('skill')).map((row) => row.skill);
}

export async function replaceMemberSkills(trx: Knex.Transaction, orgId: string, userId: string, skills: readonly string[]): Promise<void> {
  await MemberSkill.query(trx).where({ org_id: orgId, user_id: userId }).delete();
  if (skills.length > 0) await MemberSkill.query(trx).insert(skills.map((skill) => ({ org_id: orgId, user_id: userId, skill })));
}
