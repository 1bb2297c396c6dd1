import { proxyActivities } from '@temporalio/workflow';
import type { TriageActivities } from '../activities/ai/triage-ticket';
import type { TicketState } from '../domain/ticket/index';

// Through the server's activity queue, not a local activity: a local activity holds the
// workflow task open until it finishes, and with it the creation Update's answer.
// Bounded retries: a ticket without triage is only a ticket without predictions.
const { triageTicket } = proxyActivities<TriageActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/**
 * A new ticket's AI triage, once. The creation's write triages it (asked with `triage`), and
 * rules on `ticket.triaged` run right after the creation rules, before the creation answers.
 * A creation whose write did not triage (it predates that, or its predictions could not be
 * made; replay learns which from the write's recorded result) runs the triage activity
 * instead, after the creation's Update has answered, in the background (commands keep
 * working while it runs).
 */
export class TicketTriage {
  private started = false;
  private inFlight = false;

  constructor(readonly enabled: boolean) {}

  /** What the creation's write answered; true when it stored the triage (the activity is not needed). */
  triagedBy(written: { triaged?: unknown } | undefined): boolean {
    if (!this.enabled || !written?.triaged) return false;
    this.started = true;
    return true;
  }

  start(state: TicketState, onTriaged: () => void): void {
    if (!this.enabled || this.started) return;
    this.started = true;
    this.inFlight = true;
    void triageTicket({ orgId: state.orgId, number: state.number })
      .then((result) => { if (result) onTriaged(); })
      .catch(() => undefined)
      .finally(() => { this.inFlight = false; });
  }

  /** Not running: the workflow may continue as new or end. */
  idle(): boolean {
    return !this.inFlight;
  }
}
