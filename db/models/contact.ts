import type { RelationMappings } from 'objection';
import { belongsToInTenant } from './tenant-relations';
import { Company } from './company';
import { TenantEntity } from './tenant-rows';
import type { ContactsRow } from '../table-rows.generated';

/** A requester: the customer a ticket is about (need not have a login). */
export interface Contact extends ContactsRow {}
export class Contact extends TenantEntity {
  static override tableName = 'contacts';

  static override relationMappings = (): RelationMappings => ({ company: belongsToInTenant(this, 'company_id', Company) });
}
