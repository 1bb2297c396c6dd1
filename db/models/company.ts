import { TenantEntity } from './tenant-rows';
import type { CompaniesRow } from '../table-rows.generated';

/** An organization a contact works for. */
export interface Company extends CompaniesRow {}
export class Company extends TenantEntity {
  static override tableName = 'companies';
}
