import { TenantRow } from './tenant-rows';
import type { TicketRatingsRow } from '../table-rows.generated';

/** A customer's rating of a solved ticket (CSAT): one per ticket, the first one given stands. */
export interface TicketRating extends TicketRatingsRow {}
export class TicketRating extends TenantRow {
  static override tableName = 'ticket_ratings';
  static override idColumn = ['org_id', 'ticket_number'];
}
