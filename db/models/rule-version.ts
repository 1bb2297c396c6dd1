import { TenantRow } from './tenant-rows';
import type { RuleVersionsRow } from '../table-rows.generated';

/** One saved definition of a rule. */
export interface RuleVersion extends RuleVersionsRow {}
export class RuleVersion extends TenantRow {
  static override tableName = 'rule_versions';
  static override idColumn = ['org_id', 'rule_id', 'version'];
  static override jsonAttributes = ['definition'];
}
