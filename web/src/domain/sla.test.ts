import { describe, expect, it } from 'vitest';
import type { SlaClock } from '../api/types';
import { bySoonestDue, formatDuration, urgencyOf } from './sla';

const now = Date.parse('2026-11-25T12:00:00Z');
const running = (remainingSeconds: number, targetSeconds = 3600): SlaClock => ({
  target: 'first_response', targetSeconds, state: 'running', remainingSeconds,
  dueAt: new Date(now + remainingSeconds * 1000).toISOString(), elapsedBusinessSeconds: targetSeconds - remainingSeconds, breachedAt: null,
});

describe('SLA badge urgency', () => {
  it('colours by the share of the target left', () => {
    expect(urgencyOf(running(3000), now).urgency).toBe('calm');
    expect(urgencyOf(running(800), now).urgency).toBe('warning');
    expect(urgencyOf(running(300), now).urgency).toBe('critical');
  });
  it('counts down to the due instant between fetches, and turns breached when it passes', () => {
    const clock = running(60);
    expect(urgencyOf(clock, now + 30_000).remainingSeconds).toBe(30);
    expect(urgencyOf(clock, now + 61_000)).toEqual({ urgency: 'breached', remainingSeconds: -1 });
  });
  it('uses business time left when it is less than the wall time to the due instant', () => {
    // Due tomorrow morning, but only 5 business minutes of a 1-hour target are left.
    const overnight = { ...running(300), dueAt: new Date(now + 15 * 3600_000).toISOString() };
    expect(urgencyOf(overnight, now).urgency).toBe('critical');
  });
  it('keeps met, paused and breached clocks as they are', () => {
    expect(urgencyOf({ ...running(100), state: 'met' }, now).urgency).toBe('met');
    expect(urgencyOf({ ...running(100), state: 'paused', dueAt: null }, now)).toEqual({ urgency: 'paused', remainingSeconds: 100 });
    expect(urgencyOf({ ...running(-20), state: 'breached' }, now).urgency).toBe('breached');
  });
  it('formats durations compactly', () => {
    expect([formatDuration(45), formatDuration(600), formatDuration(7500), formatDuration(-90_000)]).toEqual(['45s', '10m', '2h 05m', '1d 1h']);
  });
});

describe('tickets by SLA deadline', () => {
  it('puts the soonest due first and tickets without a due instant last', () => {
    const ticket = (number: number, sla: SlaClock | null) => ({ number, sla });
    const sorted = bySoonestDue([ticket(1, null), ticket(2, running(600)), ticket(3, { ...running(0), state: 'paused', dueAt: null }), ticket(4, running(-60))]);
    expect(sorted.map((t) => t.number)).toEqual([4, 2, 1, 3]);
  });
});
