/**
 * How a ticket's workflow runs, fixed when it starts (and carried through continue-as-new):
 * set by configuration, passed by whoever opens a ticket.
 */
export interface TicketWorkflowOptions {
  /** How long a solved ticket waits for a follow-up before it closes. */
  autoCloseAfterMs: number;
  /** Continue as new past this many history events (the server also suggests it). */
  maxHistoryEvents: number;
}

export const DEFAULT_TICKET_OPTIONS: TicketWorkflowOptions = {
  autoCloseAfterMs: 4 * 24 * 3600 * 1000,
  maxHistoryEvents: 4_000,
};
