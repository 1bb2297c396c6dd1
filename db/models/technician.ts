import { Model } from 'objection';
import { User } from './user';
import { ScopedModel } from './scoped-model';

/** A field worker: skills, shifts, home base, last known position. */
export class Technician extends ScopedModel {
  static override tableName = 'technicians';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['certifications', 'shifts', 'skills', 'time_off'];

  declare org_id: string;
  declare id: string;
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
  declare created_at: Date;
  declare updated_at: Date;

  static override get relationMappings() {
    return {
      user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['technicians.user_id'], to: ['users.id'] } },
    };
  }
}
