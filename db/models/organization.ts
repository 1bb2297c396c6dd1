import { IdentityModel } from './scoped-model';
import type { OrganizationsRow } from '../table-rows.generated';

/** A tenant: every other row belongs to one. */
export interface Organization extends OrganizationsRow {}
export class Organization extends IdentityModel {
  static override tableName = 'organizations';
}
