import { TenantRow } from './tenant-rows';

/** One user in one team. */
export class TeamMember extends TenantRow {
  static override tableName = 'team_members';
  static override idColumn = ['org_id', 'team_id', 'user_id'];

  declare team_id: string;
  declare user_id: string;
}
