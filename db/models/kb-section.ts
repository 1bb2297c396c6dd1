import { EditableTenantEntity } from './tenant-rows';

/** A group of articles within a knowledge-base category. */
export class KbSection extends EditableTenantEntity {
  static override tableName = 'kb_sections';

  declare category_id: string;
  declare name: string;
  declare slug: string;
  declare description: string;
  declare position: number;
}
