import { EditableTenantEntity } from './tenant-rows';
import type { KbSectionsRow } from '../table-rows.generated';

/** A group of articles within a knowledge-base category. */
export interface KbSection extends KbSectionsRow {}
export class KbSection extends EditableTenantEntity {
  static override tableName = 'kb_sections';
}
