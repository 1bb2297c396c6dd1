import { EditableTenantEntity, TenantRow } from './tenant-rows';
import type { TicketFormChoicesRow, TicketFormsRow } from '../table-rows.generated';

/** A ticket form: which custom fields a kind of ticket shows, in order. */
export interface TicketForm extends TicketFormsRow {}
export class TicketForm extends EditableTenantEntity {
  static override tableName = 'ticket_forms';
}

/** The form chosen for one ticket (a ticket without one uses the default form). */
export interface TicketFormChoice extends TicketFormChoicesRow {}
export class TicketFormChoice extends TenantRow {
  static override tableName = 'ticket_form_choices';
  static override idColumn: string | string[] = ['org_id', 'ticket_number'];
}
