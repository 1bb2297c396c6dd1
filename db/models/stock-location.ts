import { TenantEntity } from './tenant-rows';
import type { StockLocationsRow } from '../table-rows.generated';

/** A van or depot that holds parts. */
export interface StockLocation extends StockLocationsRow {}
export class StockLocation extends TenantEntity {
  static override tableName = 'stock_locations';
}
