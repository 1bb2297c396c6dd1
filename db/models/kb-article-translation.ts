import { TenantRow } from './tenant-rows';

export type KbArticleStatus = 'draft' | 'published' | 'internal' | 'archived';

/** An article in one locale: its current title, Markdown, state and tags (the generated `search` column is never written). */
export class KbArticleTranslation extends TenantRow {
  static override tableName = 'kb_article_translations';
  static override idColumn = ['org_id', 'article_id', 'locale'];

  declare article_id: string;
  declare locale: string;
  declare title: string;
  declare slug: string;
  declare body: string;
  declare body_html: string;
  declare headings: string;
  declare body_text: string;
  declare status: KbArticleStatus;
  declare tags: string[];
  declare owner_id: string;
  declare version: number;
  declare published_at: Date | null;
  declare created_at: Date;
  declare updated_at: Date;
}
