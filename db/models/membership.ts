import { Model } from 'objection';
import { User } from './user';
import { TenantRow } from './tenant-rows';
import type { MembershipsRow } from '../table-rows.generated';

/** A user's role in one organization. */
export interface Membership extends MembershipsRow {}
export class Membership extends TenantRow {
  static override tableName = 'memberships';
  static override idColumn = ['org_id', 'user_id'];

  static override relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['memberships.user_id'], to: ['users.id'] } },
  });
}
