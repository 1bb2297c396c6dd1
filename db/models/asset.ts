import { Model } from 'objection';
import { Contact } from './contact';
import { ScopedModel } from './scoped-model';

/** Installed equipment at a customer site that work orders are about. */
export class Asset extends ScopedModel {
  static override tableName = 'assets';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
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
  declare created_at: Date;
  declare updated_at: Date;

  static override get relationMappings() {
    return {
      contact: { relation: Model.BelongsToOneRelation, modelClass: Contact, join: { from: ['assets.org_id', 'assets.contact_id'], to: ['contacts.org_id', 'contacts.id'] } },
    };
  }
}
