import { EditableTenantEntity } from './tenant-rows';
import type { MacrosRow } from '../table-rows.generated';

/** A reply template with ticket actions, the org's (no owner) or one member's. */
export interface Macro extends MacrosRow {}
export class Macro extends EditableTenantEntity {
  static override tableName = 'macros';
  static override jsonAttributes = ['actions'];
}
