import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { EmailDeliveryActivities } from '../activities/email/delivery';
import { isSolve, repliesAreMailed, type EmailDelivery, type NewTicket, type TicketEvent, type TicketState } from '../domain/ticket/index';
import { REFUSAL_TYPES } from './retry-policies';

// A regular activity, not a local one: SMTP can be slow or down for hours, and each attempt
// must be retried by the server's retry policy without holding the ticket's workflow task.
const { deliverTicketEmail } = proxyActivities<EmailDeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12, nonRetryableErrorTypes: REFUSAL_TYPES },
});

/**
 * The email side of a ticket workflow: after an agent's public reply (or the opening of a
 * ticket by email) has been recorded, send it in the background, then put what became of it
 * on the timeline. The Update that recorded the reply does not wait for SMTP.
 */
export class TicketEmail {
  private inFlight = 0;

  /**
   * `everyChannel`: public replies are mailed on every channel but chat; otherwise (tickets
   * that started before that) only on email tickets.
   */
  constructor(
    private readonly enabled: boolean,
    private readonly everyChannel: boolean,
    private readonly record: (delivery: EmailDelivery) => Promise<unknown>,
    /**
     * Whether a solve mails the satisfaction survey: asked at the first solve only (a patch
     * checked there, so creating a ticket records no marker for it), then remembered.
     */
    private readonly surveysEnabled: () => boolean = () => false,
  ) {}

  private surveys: boolean | undefined;

  /** Recent inbound Message-IDs: the ingest may deliver one twice after a crash. */
  private readonly seen: string[] = [];

  /** True the first time a Message-ID is seen (among the last few hundred). */
  firstSight(messageId: string): boolean {
    if (this.seen.includes(messageId)) return false;
    this.seen.push(messageId);
    if (this.seen.length > 500) this.seen.shift();
    return true;
  }

  /** Nothing is being sent: the workflow may continue as new or finish. */
  idle(): boolean {
    return this.inFlight === 0;
  }

  afterCreated(ticket: NewTicket): void {
    if (!this.enabled || !ticket.email?.acknowledge) return;
    this.send({ kind: 'acknowledgement', orgId: ticket.orgId, number: ticket.number, mailboxId: ticket.email.mailboxId, inReplyTo: ticket.email.messageId });
  }

  /** `surveyable` false: the write found no mailbox that could send the survey, so none is tried. */
  afterChange(events: readonly TicketEvent[], state: TicketState, seq: number, surveyable?: boolean): void {
    if (!this.enabled || !this.mailsRepliesOf(state)) return;
    for (const event of events) {
      if (isPublicReply(event)) this.send({ kind: 'reply', orgId: state.orgId, number: state.number, seq, body: event.data.body });
      // The activity sends one survey per ticket: solved again, it finds the first and sends nothing.
      if (isSolve(event) && surveyable !== false && (this.surveys ??= this.surveysEnabled())) this.send({ kind: 'survey', orgId: state.orgId, number: state.number });
    }
  }

  /**
   * This change is one public reply that `afterChange` would mail: its write can record it as
   * not sent itself when the org has no mailbox, instead of a delivery activity afterwards.
   */
  mailsOneReply(events: readonly TicketEvent[], state: TicketState): boolean {
    return this.enabled && this.everyChannel && repliesAreMailed(state.channel) && events.filter(isPublicReply).length === 1;
  }

  private mailsRepliesOf(state: TicketState): boolean {
    return this.everyChannel ? repliesAreMailed(state.channel) : state.channel === 'email';
  }

  private send(request: Parameters<typeof deliverTicketEmail>[0]): void {
    this.inFlight++;
    void (async () => {
      let delivery: EmailDelivery | null;
      try {
        delivery = await deliverTicketEmail(request);
      } catch (error) {
        const detail = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
        delivery = { kind: request.kind, messageId: null, to: null, state: 'failed', detail, ...(request.kind === 'reply' && { replySeq: request.seq }) };
      }
      try {
        if (delivery) await this.record(delivery);
      } finally {
        this.inFlight--;
      }
    })();
  }
}


const isPublicReply = (event: TicketEvent): event is Extract<TicketEvent, { type: 'replied' }> =>
  event.type === 'replied' && event.data.visibility === 'public';
