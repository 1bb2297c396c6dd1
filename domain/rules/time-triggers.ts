import type { TicketStatus } from '../ticket/status';

/**
 * When a time-based rule is due: a duration after an anchor. The ticket workflow keeps one
 * durable timer per rule and anchor; a new anchor (the status changes again, the customer
 * writes again) replaces the timer.
 */
export type TimeAnchor =
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'customer_message' }
  | { kind: 'created' };

export interface TimeTrigger {
  anchor: TimeAnchor;
  afterSeconds: number;
  /** Business hours count only the org's calendar's opening hours. */
  hours: 'business' | 'calendar';
}

/** The instants anchors started, as the ticket workflow tracks them (epoch ms). */
export interface TicketAnchors {
  createdAt: number;
  status: { status: TicketStatus; since: number };
  lastCustomerMessageAt: number | null;
}

/** When the anchor of a trigger started for this ticket, or null if it does not hold now. */
export function anchorStart(anchor: TimeAnchor, anchors: TicketAnchors): number | null {
  switch (anchor.kind) {
    case 'status':
      return anchors.status.status === anchor.status ? anchors.status.since : null;
    case 'customer_message':
      return anchors.lastCustomerMessageAt;
    case 'created':
      return anchors.createdAt;
  }
}

/** A timer the workflow holds for one time-based rule. */
export interface RuleTimer {
  ruleId: string;
  /** The anchor start it was computed from: a timer from a stale anchor never fires. */
  anchorAt: number;
  dueAt: number;
}
