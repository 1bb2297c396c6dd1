import { describe, expect, it } from 'vitest';
import type { LoggedCall } from '../ticket/calls';
import type { TicketEvent } from '../ticket/events';
import { slaReactions, type SlaReactionOptions } from './reactions';

const call = (direction: LoggedCall['direction'], durationSeconds: number): TicketEvent =>
  ({ type: 'call_logged', data: { direction, phoneNumber: '+1 555 0100', durationSeconds, notes: '' } });
const MET_RESPONSES = { type: 'end', kinds: ['first_response', 'next_response'], outcome: 'met' };

/** Options that count calls, and say how often the workflow's patch was asked. */
function counting(allowed = true): SlaReactionOptions & { asked: number } {
  const options = { asked: 0, callsMeetResponse: () => { options.asked += 1; return allowed; } };
  return options;
}

describe('a logged call and the response clocks', () => {
  it('an answered call an agent logs, outbound or inbound, meets first and next response as a public reply does', () => {
    expect(slaReactions([call('outbound', 95)], true, [], counting())).toEqual([MET_RESPONSES]);
    expect(slaReactions([call('inbound', 1)], true, [], counting())).toEqual([MET_RESPONSES]);
    expect(slaReactions([{ type: 'replied', data: { body: 'Hi', visibility: 'public' } }], true, [], counting())).toEqual([MET_RESPONSES]);
  });

  it('a call of 0 seconds (nobody picked up, a missed call) answers nobody', () => {
    const options = counting();
    expect(slaReactions([call('outbound', 0), call('inbound', 0)], true, [], options)).toEqual([]);
    expect(options.asked).toBe(0);
  });

  it('a call logged by the system is no agent answering', () => {
    expect(slaReactions([call('outbound', 60)], false, [], counting())).toEqual([]);
  });

  it('asks the patch only for a call that would count, and keeps the old reaction (none) when it says no', () => {
    const unpatched = counting(false);
    expect(slaReactions([call('outbound', 60)], true, [], unpatched)).toEqual([]);
    expect(unpatched.asked).toBe(1);
    const elsewhere = counting();
    slaReactions([{ type: 'replied', data: { body: 'Note', visibility: 'internal' } }, { type: 'priority_changed', data: { from: 'normal', to: 'high' } }], true, [], elsewhere);
    expect(elsewhere.asked).toBe(0);
  });
});
