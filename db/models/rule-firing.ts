import { TenantEntity } from './tenant-rows';

/** One evaluation of a rule against an entity event. */
export class RuleFiring extends TenantEntity {
  static override tableName = 'rule_firings';
  static override jsonAttributes = ['actions', 'matched', 'outcome'];

  declare rule_id: string;
  declare rule_version: number;
  declare ticket_number: number;
  declare trigger_key: string;
  declare event_type: string;
  declare chain_depth: number;
  declare matched: unknown;
  declare actions: unknown;
  declare outcome: unknown | null;
}
