import { TenantRow } from './tenant-rows';

/** One saved definition of a rule. */
export class RuleVersion extends TenantRow {
  static override tableName = 'rule_versions';
  static override idColumn = ['org_id', 'rule_id', 'version'];
  static override jsonAttributes = ['definition'];

  declare rule_id: string;
  declare version: number;
  declare definition: unknown;
  declare created_by: string | null;
  declare created_at: Date;
}
