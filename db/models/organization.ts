import { IdentityModel } from './scoped-model';

/** A tenant: every other row belongs to one. */
export class Organization extends IdentityModel {
  static override tableName = 'organizations';

  declare name: string;
  declare slug: string;
}
