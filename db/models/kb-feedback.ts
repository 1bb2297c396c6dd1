import { ScopedModel } from './scoped-model';

/** A reader's "was this helpful?" on an article, with an optional comment. */
export class KbFeedback extends ScopedModel {
  static override tableName = 'kb_feedback';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare article_id: string;
  declare locale: string;
  declare helpful: boolean;
  declare comment: string;
  declare user_id: string | null;
  declare created_at: Date;
}
