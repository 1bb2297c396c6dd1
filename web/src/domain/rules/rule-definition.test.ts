import { describe, expect, it } from 'vitest';
import { blankDefinition, withEvents } from './rule-definition';

describe('rule definitions', () => {
  it('a time trigger exists exactly while time elapsed is a trigger', () => {
    const timed = withEvents(blankDefinition(), ['ticket.time_elapsed']);
    expect(timed.timeTrigger).toEqual({ anchor: { kind: 'status', status: 'pending' }, afterSeconds: 432_000, hours: 'calendar' });
    const kept = withEvents({ ...timed, timeTrigger: { anchor: { kind: 'created' }, afterSeconds: 60, hours: 'business' } }, ['ticket.time_elapsed', 'ticket.updated']);
    expect(kept.timeTrigger?.afterSeconds).toBe(60);
    expect(withEvents(timed, ['ticket.created']).timeTrigger).toBeNull();
  });
});
