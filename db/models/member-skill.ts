import { TenantRow } from './tenant-rows';
import type { MemberSkillsRow } from '../table-rows.generated';

/** A skill an agent has, for skill-based assignment. */
export interface MemberSkill extends MemberSkillsRow {}
export class MemberSkill extends TenantRow {
  static override tableName = 'member_skills';
  static override idColumn = ['org_id', 'user_id', 'skill'];
}
