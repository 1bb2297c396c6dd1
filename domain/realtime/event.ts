/** An event as it is appended to the org's log: `seq` is handed out by the log. */
export interface NewEvent {
  /** `{entity}.{what happened}`: `ticket.replied`, `work_order.scheduled`, `notification.created`. */
  type: string;
  /** What a subscriber asks for (see `topics.ts`). */
  topic: string;
  /** When it happened (ISO 8601): the change's own time, not the commit's. */
  at: string;
  data: Record<string, unknown>;
}

/** An event as the log answers it, over HTTP (`GET /api/v1/events`) and the WebSocket alike. */
export interface LoggedEvent extends NewEvent {
  /** Increases per org in commit order: a reader's cursor. */
  seq: number;
}
