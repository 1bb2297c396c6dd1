import { ScopedModel } from './scoped-model';

/** A recurring schedule that opens work orders for an asset. */
export class MaintenancePlan extends ScopedModel {
  static override tableName = 'maintenance_plans';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['checklist', 'required_skills'];

  declare org_id: string;
  declare id: string;
  declare asset_id: string;
  declare name: string;
  declare rrule: string;
  declare checklist: unknown;
  declare required_skills: unknown;
  declare duration_minutes: number;
  declare paused: boolean;
  declare schedule_id: string;
  declare created_at: Date;
  declare updated_at: Date;
}
