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

/**
 * An agent's public reply meets the response clocks; solving meets them all; closing cancels
 * what is left; statuses the policy pauses on pause, leaving them resumes; a new priority
 * re-targets; a customer's message starts the next-response clock.
 */
export function slaReactions(events: readonly TicketEvent[], byAgent: boolean, pauseStatuses: readonly TicketStatus[]): SlaReaction[] {
  const reactions: SlaReaction[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'replied':
        if (byAgent && event.data.visibility === 'public') reactions.push({ type: 'end', kinds: RESPONSES, outcome: 'met' });
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
