import { ScopedModel } from './scoped-model';

/** One user in one team. */
export class TeamMember extends ScopedModel {
  static override tableName = 'team_members';
  static override idColumn = ['org_id', 'team_id', 'user_id'];

  declare org_id: string;
  declare team_id: string;
  declare user_id: string;
}
