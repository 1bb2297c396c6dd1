/** Ticket statuses and the lifecycle that connects them. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_CHANNELS = ['web', 'email', 'portal', 'chat', 'api', 'phone'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/**
 * Which status may follow which. A ticket never returns to `new`, and `closed` is final:
 * a closed ticket is an archived record, follow-ups open a new ticket.
 */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return NEXT[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return NEXT[from].includes(to);
}

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}
