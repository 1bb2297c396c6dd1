import { ScopedModel } from './scoped-model';

/** One saved definition of a rule. */
export class RuleVersion extends ScopedModel {
  static override tableName = 'rule_versions';
  static override idColumn = ['org_id', 'rule_id', 'version'];
  static override jsonAttributes = ['definition'];

  declare org_id: string;
  declare rule_id: string;
  declare version: number;
  declare definition: unknown;
  declare created_by: string | null;
  declare created_at: Date;
}
