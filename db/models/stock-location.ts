import { ScopedModel } from './scoped-model';

/** A van or depot that holds parts. */
export class StockLocation extends ScopedModel {
  static override tableName = 'stock_locations';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare kind: string;
  declare created_at: Date;
}
