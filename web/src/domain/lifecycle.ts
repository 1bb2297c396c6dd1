/** The server's ticket lifecycle, shared as is, plus how the console labels and colours it. */
import type { TicketStatus } from '../../../domain/ticket/status';

export { TICKET_CHANNELS as CHANNELS, TICKET_PRIORITIES as PRIORITIES, TICKET_STATUSES as STATUSES, nextStatuses } from '../../../domain/ticket/status';
export type { TicketPriority as Priority, TicketStatus as Status } from '../../../domain/ticket/status';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', solved: 'Solved', closed: 'Closed',
};

export const STATUS_TAG_TYPES: Record<TicketStatus, 'info' | 'error' | 'warning' | 'default' | 'success'> = {
  new: 'warning', open: 'error', pending: 'info', on_hold: 'default', solved: 'success', closed: 'default',
};
