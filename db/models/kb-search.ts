import { TenantRow } from './tenant-rows';
import type { KbSearchesRow } from '../table-rows.generated';

/** One knowledge-base search and how many results it found (none: an article to write). */
export interface KbSearch extends KbSearchesRow {}
export class KbSearch extends TenantRow {
  static override tableName = 'kb_searches';
  static override idColumn = ['org_id', 'id'];
}
