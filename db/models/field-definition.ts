import { EditableTenantEntity } from './tenant-rows';
import type { FieldDefinitionsRow } from '../table-rows.generated';

/** A custom field an org defined for its tickets. */
export interface FieldDefinition extends FieldDefinitionsRow {}
export class FieldDefinition extends EditableTenantEntity {
  static override tableName = 'field_definitions';
  static override jsonAttributes = ['options', 'condition'];
}
