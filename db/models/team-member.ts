import { TenantRow } from './tenant-rows';
import type { TeamMembersRow } from '../table-rows.generated';

/** One user in one team. */
export interface TeamMember extends TeamMembersRow {}
export class TeamMember extends TenantRow {
  static override tableName = 'team_members';
  static override idColumn = ['org_id', 'team_id', 'user_id'];
}
