import { EditableTenantEntity } from './tenant-rows';
import type { SlaPoliciesRow } from '../table-rows.generated';

/** Response and resolution targets for the tickets its conditions match. */
export interface SlaPolicy extends SlaPoliciesRow {}
export class SlaPolicy extends EditableTenantEntity {
  static override tableName = 'sla_policies';
  static override jsonAttributes = ['conditions', 'targets'];
}
