import { EditableTenantEntity } from './tenant-rows';

/** A recurring schedule that opens work orders for an asset. */
export class MaintenancePlan extends EditableTenantEntity {
  static override tableName = 'maintenance_plans';
  static override jsonAttributes = ['checklist', 'required_skills'];

  declare asset_id: string;
  declare name: string;
  declare rrule: string;
  declare checklist: unknown;
  declare required_skills: unknown;
  declare duration_minutes: number;
  declare paused: boolean;
  declare schedule_id: string;
}
