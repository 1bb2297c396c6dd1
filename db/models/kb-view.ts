import { TenantRow } from './tenant-rows';

/** One reading of an article, on the help centre or by staff through the API. */
export class KbView extends TenantRow {
  static override tableName = 'kb_views';
  static override idColumn = ['org_id', 'id'];

  declare id: string;
  declare article_id: string;
  declare locale: string;
  declare source: 'help' | 'agent';
  declare viewed_at: Date;
}
