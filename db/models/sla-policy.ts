import { EditableTenantEntity } from './tenant-rows';

/** Response and resolution targets for the tickets its conditions match. */
export class SlaPolicy extends EditableTenantEntity {
  static override tableName = 'sla_policies';
  static override jsonAttributes = ['conditions', 'targets'];

  declare name: string;
  declare position: number;
  declare conditions: unknown;
  declare targets: unknown;
  declare hours: string;
  declare calendar_id: string | null;
  declare pause_statuses: string[];
  declare warn_at: string;
}
