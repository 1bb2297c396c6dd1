import type { RelationMappings } from 'objection';
import { belongsToInTenant } from './tenant-relations';
import { Contact } from './contact';
import { EditableTenantEntity } from './tenant-rows';

/** Installed equipment at a customer site that work orders are about. */
export class Asset extends EditableTenantEntity {
  static override tableName = 'assets';

  declare name: string;
  declare contact_id: string | null;
  declare company_id: string | null;
  declare site_address: string | null;
  declare site_lat: number | null;
  declare site_lng: number | null;
  declare model: string | null;
  declare serial: string | null;
  declare installed_on: Date | string | null;
  declare warranty_ends_on: Date | string | null;
  declare parent_id: string | null;

  static override get relationMappings(): RelationMappings {
    return {
      contact: belongsToInTenant(this, 'contact_id', Contact),
    };
  }
}
