import type { RelationMappings } from 'objection';
import { hasManyInTenant } from './tenant-relations';
import { RuleVersion } from './rule-version';
import { EditableTenantEntity } from './tenant-rows';
import type { RulesRow } from '../table-rows.generated';

/** An automation rule; its definitions are versioned in RuleVersion. */
export interface Rule extends RulesRow {}
export class Rule extends EditableTenantEntity {
  static override tableName = 'rules';

  static override relationMappings = (): RelationMappings => ({ versions: hasManyInTenant(this, RuleVersion, 'rule_id') });
}
