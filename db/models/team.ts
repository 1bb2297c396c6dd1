import { Model } from 'objection';
import { TeamMember } from './team-member';
import { ScopedModel } from './scoped-model';

/** A group of agents a ticket can be assigned to. */
export class Team extends ScopedModel {
  static override tableName = 'teams';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare created_at: Date;

  static override get relationMappings() {
    return {
      members: { relation: Model.HasManyRelation, modelClass: TeamMember, join: { from: ['teams.org_id', 'teams.id'], to: ['team_members.org_id', 'team_members.team_id'] } },
    };
  }
}
