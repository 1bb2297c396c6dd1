import { TenantEntity } from './tenant-rows';

/** An organization a contact works for. */
export class Company extends TenantEntity {
  static override tableName = 'companies';

  declare name: string;
  declare domain: string | null;
}
