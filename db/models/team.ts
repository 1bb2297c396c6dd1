import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { TeamMember } from './team-member';
import { TenantEntity } from './tenant-rows';
import type { TeamsRow } from '../table-rows.generated';

/** A group of agents a ticket can be assigned to. */
export interface Team extends TeamsRow {}
export class Team extends TenantEntity {
  static override tableName = 'teams';

  static override relationMappings = (): RelationMappings => ({ members: hasManyInTenant(this, TeamMember, 'team_id') });
}
