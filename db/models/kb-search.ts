import { ScopedModel } from './scoped-model';

/** One knowledge-base search and how many results it found (none: an article to write). */
export class KbSearch extends ScopedModel {
  static override tableName = 'kb_searches';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare query: string;
  declare locale: string | null;
  declare source: 'help' | 'agent';
  declare results: number;
  declare searched_at: Date;
}
