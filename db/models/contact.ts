import { Model } from 'objection';
import { Company } from './company';
import { ScopedModel } from './scoped-model';

/** A requester: the customer a ticket is about (need not have a login). */
export class Contact extends ScopedModel {
  static override tableName = 'contacts';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare email: string;
  declare name: string | null;
  declare company_id: string | null;
  declare created_at: Date;
  declare bouncing_since: Date | null;
  declare bounce_reason: string | null;

  static override get relationMappings() {
    return {
      company: { relation: Model.BelongsToOneRelation, modelClass: Company, join: { from: ['contacts.org_id', 'contacts.company_id'], to: ['companies.org_id', 'companies.id'] } },
    };
  }
}
