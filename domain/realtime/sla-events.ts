import { dueAt, type Clock } from '../sla/index';
import type { NewEvent } from './event';
import { ticketTopic } from './topics';

/**
 * A change of a ticket's SLA clocks (paused, resumed, met, retargeted, breached) as one event
 * on the ticket's topic: the clocks as they are now, so a badge can redraw without a fetch.
 */
export function slaClocksEvent(number: number, clocks: readonly { cycle: number; clock: Clock }[], at: string): NewEvent {
  return {
    type: 'sla.clocks_changed',
    topic: ticketTopic(number),
    at,
    data: {
      number,
      clocks: clocks.map(({ cycle, clock }) => {
        const due = dueAt(clock);
        return {
          target: clock.kind, cycle, state: clock.state,
          dueAt: due === null ? null : new Date(due).toISOString(),
          breachedAt: clock.breachedAt === null ? null : new Date(clock.breachedAt).toISOString(),
        };
      }),
    },
  };
}
