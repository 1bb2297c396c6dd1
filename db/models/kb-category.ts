import { EditableTenantEntity } from './tenant-rows';

/** The top level of an org's knowledge base, as the help centre's home lists it. */
export class KbCategory extends EditableTenantEntity {
  static override tableName = 'kb_categories';

  declare name: string;
  declare slug: string;
  declare description: string;
  declare position: number;
}
