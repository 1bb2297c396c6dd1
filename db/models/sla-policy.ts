import { ScopedModel } from './scoped-model';

/** Response and resolution targets for the tickets its conditions match. */
export class SlaPolicy extends ScopedModel {
  static override tableName = 'sla_policies';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['conditions', 'targets'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare position: number;
  declare conditions: unknown;
  declare targets: unknown;
  declare hours: string;
  declare calendar_id: string | null;
  declare pause_statuses: string[];
  declare warn_at: string;
  declare created_at: Date;
  declare updated_at: Date;
}
