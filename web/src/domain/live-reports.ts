import type { DatasetId } from '../../../domain/metrics/datasets';
import { DISPATCH, QUEUE } from '../../../domain/realtime/topics';

/**
 * The event topics whose events can change a report over these datasets: ticket data moves
 * with the queue's events (timeline entries, SLA events, rule firings are all ticket events);
 * work orders and the service ratings signed on them with the dispatch
 * board's. A dashboard listens to these and re-reads its charts, so its numbers are live.
 */
const TOPIC_OF: Record<DatasetId, string> = {
  tickets: QUEUE,
  ticket_events: QUEUE,
  sla_clocks: QUEUE,
  rule_firings: QUEUE,
  ratings: DISPATCH,
  work_orders: DISPATCH,
};

export function reportTopics(datasets: Iterable<DatasetId>): string[] {
  return [...new Set([...datasets].map((dataset) => TOPIC_OF[dataset]))].sort();
}

/** How long a dashboard lets a burst of events settle before it re-reads, and the longest it waits in a steady stream. */
export const LIVE_REPORT_SETTLE_MS = 1_000;
export const LIVE_REPORT_MAX_WAIT_MS = 5_000;
