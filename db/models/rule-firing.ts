import { ScopedModel } from './scoped-model';

/** One evaluation of a rule against an entity event. */
export class RuleFiring extends ScopedModel {
  static override tableName = 'rule_firings';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['actions', 'matched', 'outcome'];

  declare org_id: string;
  declare id: string;
  declare rule_id: string;
  declare rule_version: number;
  declare ticket_number: number;
  declare trigger_key: string;
  declare event_type: string;
  declare chain_depth: number;
  declare matched: unknown;
  declare actions: unknown;
  declare outcome: unknown | null;
  declare created_at: Date;
}
