import type { RelationMappings } from 'objection';
import { belongsToInTenant } from './tenant-relations';
import { Contact } from './contact';
import { EditableTenantEntity } from './tenant-rows';
import type { AssetsRow } from '../table-rows.generated';

/** Installed equipment at a customer site that work orders are about. */
export interface Asset extends AssetsRow {}
export class Asset extends EditableTenantEntity {
  static override tableName = 'assets';

  static override relationMappings = (): RelationMappings => ({ contact: belongsToInTenant(this, 'contact_id', Contact) });
}
