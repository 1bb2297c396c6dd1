import { ScopedModel } from './scoped-model';

/** One reading of an article, on the help centre or by staff through the API. */
export class KbView extends ScopedModel {
  static override tableName = 'kb_views';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare article_id: string;
  declare locale: string;
  declare source: 'help' | 'agent';
  declare viewed_at: Date;
}
