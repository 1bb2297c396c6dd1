import { IdentityModel } from './scoped-model';

/** A tenant: every other row belongs to one. */
export class Organization extends IdentityModel {
  static override tableName = 'organizations';
  static override idColumn = 'id';

  declare id: string;
  declare name: string;
  declare slug: string;
  declare created_at: Date;
}
