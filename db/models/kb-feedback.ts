import { TenantEntity } from './tenant-rows';
import type { KbFeedbackRow } from '../table-rows.generated';

/** A reader's "was this helpful?" on an article, with an optional comment. */
export interface KbFeedback extends KbFeedbackRow {}
export class KbFeedback extends TenantEntity {
  static override tableName = 'kb_feedback';
}
