import { TenantRow } from './tenant-rows';
import type { AiLabelsRow } from '../table-rows.generated';

/** An agent's correction of a prediction: the ticket's true label for that task. */
export interface AiLabel extends AiLabelsRow {}
export class AiLabel extends TenantRow {
  static override tableName = 'ai_labels';
  static override idColumn = ['org_id', 'ticket_number', 'task'];
}
