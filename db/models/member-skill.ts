import { ScopedModel } from './scoped-model';

/** A skill an agent has, for skill-based assignment. */
export class MemberSkill extends ScopedModel {
  static override tableName = 'member_skills';
  static override idColumn = ['org_id', 'user_id', 'skill'];

  declare org_id: string;
  declare user_id: string;
  declare skill: string;
}
