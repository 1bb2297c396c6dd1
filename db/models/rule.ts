import { Model } from 'objection';
import { RuleVersion } from './rule-version';
import { ScopedModel } from './scoped-model';

/** An automation rule; its definitions are versioned in RuleVersion. */
export class Rule extends ScopedModel {
  static override tableName = 'rules';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare position: number;
  declare enabled: boolean;
  declare current_version: number;
  declare deleted_at: Date | null;
  declare created_at: Date;
  declare updated_at: Date;

  static override get relationMappings() {
    return {
      versions: { relation: Model.HasManyRelation, modelClass: RuleVersion, join: { from: ['rules.org_id', 'rules.id'], to: ['rule_versions.org_id', 'rule_versions.rule_id'] } },
    };
  }
}
