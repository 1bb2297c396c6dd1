import { TenantEntity } from './tenant-rows';
import type { RuleFiringsRow } from '../table-rows.generated';

/** One evaluation of a rule against an entity event. */
export interface RuleFiring extends RuleFiringsRow {}
export class RuleFiring extends TenantEntity {
  static override tableName = 'rule_firings';
  static override jsonAttributes = ['actions', 'matched', 'outcome'];
}
