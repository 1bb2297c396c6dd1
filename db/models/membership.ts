import { Model } from 'objection';
import { User } from './user';
import { TenantRow } from './tenant-rows';

/** A user's role in one organization. */
export class Membership extends TenantRow {
  static override tableName = 'memberships';
  static override idColumn = ['org_id', 'user_id'];

  declare user_id: string;
  declare role: string;
  declare created_at: Date;

  static override get relationMappings() {
    return {
      user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['memberships.user_id'], to: ['users.id'] } },
    };
  }
}
