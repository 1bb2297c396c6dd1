import { TenantRow } from './tenant-rows';
import type { AiModelsRow } from '../table-rows.generated';

/** One version of an org's model for one triage task, with its held-out metrics. */
export interface AiModel extends AiModelsRow {}
export class AiModel extends TenantRow {
  static override tableName = 'ai_models';
  static override idColumn = ['org_id', 'task', 'version'];
  static override jsonAttributes = ['model', 'metrics'];
}
