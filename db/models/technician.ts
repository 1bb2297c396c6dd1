import { Model } from 'objection';
import { User } from './user';
import { EditableTenantEntity } from './tenant-rows';
import type { TechniciansRow } from '../table-rows.generated';

/** A field worker: skills, shifts, home base, last known position. */
export interface Technician extends TechniciansRow {}
export class Technician extends EditableTenantEntity {
  static override tableName = 'technicians';
  static override jsonAttributes = ['certifications', 'shifts', 'skills', 'time_off'];

  static override relationMappings = () => ({
    user: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['technicians.user_id'], to: ['users.id'] } },
  });
}
