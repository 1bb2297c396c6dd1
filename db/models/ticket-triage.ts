import { TenantRow } from './tenant-rows';
import type { TicketTriageRow } from '../table-rows.generated';

/** What triage predicted for one ticket, and the `ai.*` facts rules read. */
export interface TicketTriage extends TicketTriageRow {}
export class TicketTriage extends TenantRow {
  static override tableName = 'ticket_triage';
  static override idColumn = ['org_id', 'ticket_number'];
  static override jsonAttributes = ['predictions', 'facts'];
}
