import { TenantEntity } from './tenant-rows';

/** A reader's "was this helpful?" on an article, with an optional comment. */
export class KbFeedback extends TenantEntity {
  static override tableName = 'kb_feedback';

  declare article_id: string;
  declare locale: string;
  declare helpful: boolean;
  declare comment: string;
  declare user_id: string | null;
}
