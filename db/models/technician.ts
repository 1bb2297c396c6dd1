import { Model } from 'objection';
import { User } from './user';
import { EditableTenantEntity } from './tenant-rows';

/** A field worker: skills, shifts, home base, last known position. */
export class Technician extends EditableTenantEntity {
  static override tableName = 'technicians';
  static override jsonAttributes = ['certifications', 'shifts', 'skills', 'time_off'];

  declare user_id: string;
  declare skills: unknown;
  declare certifications: unknown;
  declare home_lat: number | null;
  declare home_lng: number | null;
  declare shifts: unknown;
  declare time_zone: string;
  declare time_off: unknown;
  declare van_location_id: string | null;
  declare active: boolean;
  declare last_lat: number | null;
  declare last_lng: number | null;
  declare last_seen_at: Date | null;

  static override get relationMappings() {
    return {
      user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['technicians.user_id'], to: ['users.id'] } },
    };
  }
}
