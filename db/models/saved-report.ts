import { EditableTenantEntity } from './tenant-rows';
import type { SavedReportsRow } from '../table-rows.generated';

/** A report saved from the builder, private to its author or shared with the org. */
export interface SavedReport extends SavedReportsRow {}
export class SavedReport extends EditableTenantEntity {
  static override tableName = 'saved_reports';
  static override jsonAttributes = ['query'];
}
