import { TenantEntity } from './tenant-rows';

/** A van or depot that holds parts. */
export class StockLocation extends TenantEntity {
  static override tableName = 'stock_locations';

  declare name: string;
  declare kind: string;
}
