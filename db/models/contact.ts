import type { RelationMappings } from 'objection';
import { belongsToInTenant } from './tenant-relations';
import { Company } from './company';
import { TenantEntity } from './tenant-rows';

/** A requester: the customer a ticket is about (need not have a login). */
export class Contact extends TenantEntity {
  static override tableName = 'contacts';

  declare email: string;
  declare name: string | null;
  declare company_id: string | null;
  declare bouncing_since: Date | null;
  declare bounce_reason: string | null;

  static override get relationMappings(): RelationMappings {
    return {
      company: belongsToInTenant(this, 'company_id', Company),
    };
  }
}
