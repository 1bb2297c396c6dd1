import { TenantRow } from './tenant-rows';

/** A skill an agent has, for skill-based assignment. */
export class MemberSkill extends TenantRow {
  static override tableName = 'member_skills';
  static override idColumn = ['org_id', 'user_id', 'skill'];

  declare user_id: string;
  declare skill: string;
}
