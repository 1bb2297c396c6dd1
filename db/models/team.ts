import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { TeamMember } from './team-member';
import { TenantEntity } from './tenant-rows';

/** A group of agents a ticket can be assigned to. */
export class Team extends TenantEntity {
  static override tableName = 'teams';

  declare name: string;

  static override get relationMappings(): RelationMappings {
    return {
      members: hasManyInTenant(this, TeamMember, 'team_id'),
    };
  }
}
