import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { RuleVersion } from './rule-version';
import { EditableTenantEntity } from './tenant-rows';

/** An automation rule; its definitions are versioned in RuleVersion. */
export class Rule extends EditableTenantEntity {
  static override tableName = 'rules';

  declare position: number;
  declare enabled: boolean;
  declare current_version: number;
  declare deleted_at: Date | null;

  static override get relationMappings(): RelationMappings {
    return {
      versions: hasManyInTenant(this, RuleVersion, 'rule_id'),
    };
  }
}
