/**
 * The `sla` task queue's workflow bundle: only the per-ticket clock, so each cached clock
 * instantiates the few modules it needs instead of every Keel workflow's (see workers/sla.ts).
 */
export { ticketSlaClockWorkflow } from './sla-ticket-clock';
