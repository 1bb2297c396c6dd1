import type { LoggedCall } from '../ticket/calls';
import type { TicketEvent } from '../ticket/events';
import type { TicketStatus } from '../ticket/status';
import type { SlaTargetKind } from './policy';

/** What a ticket change means for its SLA clocks. */
export type SlaReaction =
  | { type: 'end'; kinds: SlaTargetKind[]; outcome: 'met' | 'cancelled' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'retarget' }
  | { type: 'start'; kind: SlaTargetKind };

const RESPONSES: SlaTargetKind[] = ['first_response', 'next_response'];
const ALL: SlaTargetKind[] = ['first_response', 'next_response', 'resolution'];

export interface SlaReactionOptions {
  /**
   * Whether an answered call an agent logs meets the response clocks. Asked only when such a
   * call is among the events: the workflow answers with `patched('call-meets-sla-response')`,
   * so tickets whose histories logged calls before this replay as they ran.
   */
  callsMeetResponse: () => boolean;
}

/**
 * Whether a logged call is a conversation with the customer, which answers them as a public
 * reply does: a call that connected (it lasted more than 0 seconds), inbound or outbound. A
 * call of 0 seconds is an outbound call nobody picked up or a missed inbound call: nobody was
 * answered. This is how Zendesk Talk counts calls: an answered call (either way) becomes an
 * agent's voice comment on the ticket, which meets first and next reply time like a public
 * comment; an outbound call the customer did not answer (status "Not answered") and a caller's
 * voicemail do not.
 */
export const callAnswersCustomer = (call: LoggedCall): boolean => call.durationSeconds > 0;

/**
 * An agent's public reply meets the response clocks, and so does an answered call an agent
 * logs (`callAnswersCustomer`, when `options.callsMeetResponse()` allows it); solving meets
 * them all; closing cancels what is left; statuses the policy pauses on pause, leaving them
 * resumes; a new priority re-targets; a customer's message starts the next-response clock.
 */
export function slaReactions(
  events: readonly TicketEvent[], byAgent: boolean, pauseStatuses: readonly TicketStatus[], options: SlaReactionOptions,
): SlaReaction[] {
  const reactions: SlaReaction[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'replied':
        if (byAgent && event.data.visibility === 'public') reactions.push({ type: 'end', kinds: RESPONSES, outcome: 'met' });
        break;
      case 'call_logged':
        if (byAgent && callAnswersCustomer(event.data) && options.callsMeetResponse()) reactions.push({ type: 'end', kinds: RESPONSES, outcome: 'met' });
        break;
      case 'customer_replied':
        // An out-of-office or other automated answer asks nothing of the agents.
        if (!event.data.email?.automated) reactions.push({ type: 'start', kind: 'next_response' });
        break;
      case 'status_changed': {
        const { from, to } = event.data;
        if (to === 'solved') reactions.push({ type: 'end', kinds: ALL, outcome: 'met' });
        else if (to === 'closed') reactions.push({ type: 'end', kinds: ALL, outcome: 'cancelled' });
        else if (pauseStatuses.includes(to) && !pauseStatuses.includes(from)) reactions.push({ type: 'pause' });
        else if (pauseStatuses.includes(from) && !pauseStatuses.includes(to)) reactions.push({ type: 'resume' });
        break;
      }
      case 'priority_changed':
        reactions.push({ type: 'retarget' });
        break;
      default:
        break;
    }
  }
  return reactions;
}
