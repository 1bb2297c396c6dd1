import { EditableTenantEntity } from './tenant-rows';
import type { MaintenancePlansRow } from '../table-rows.generated';

/** A recurring schedule that opens work orders for an asset. */
export interface MaintenancePlan extends MaintenancePlansRow {}
export class MaintenancePlan extends EditableTenantEntity {
  static override tableName = 'maintenance_plans';
  static override jsonAttributes = ['checklist', 'required_skills'];
}
