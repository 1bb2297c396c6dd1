import { TenantRow } from './tenant-rows';

/** One knowledge-base search and how many results it found (none: an article to write). */
export class KbSearch extends TenantRow {
  static override tableName = 'kb_searches';
  static override idColumn = ['org_id', 'id'];

  declare id: string;
  declare query: string;
  declare locale: string | null;
  declare source: 'help' | 'agent';
  declare results: number;
  declare searched_at: Date;
}
