import { TenantRow } from './tenant-rows';
import type { KbViewsRow } from '../table-rows.generated';

/** One reading of an article, on the help centre or by staff through the API. */
export interface KbView extends KbViewsRow {}
export class KbView extends TenantRow {
  static override tableName = 'kb_views';
  static override idColumn = ['org_id', 'id'];
}
