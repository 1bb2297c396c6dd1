import { EditableTenantEntity } from './tenant-rows';
import type { KbCategoriesRow } from '../table-rows.generated';

/** The top level of an org's knowledge base, as the help centre's home lists it. */
export interface KbCategory extends KbCategoriesRow {}
export class KbCategory extends EditableTenantEntity {
  static override tableName = 'kb_categories';
}
