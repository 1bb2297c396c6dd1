import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../calendar/calendar';
import { startClock } from './clock';
import { applyTicketCommand, nextTargetDeadline, settleTargets, type TargetClock } from './ticket-clocks';

const t0 = Date.parse('2026-12-01T10:00:00Z');
const target = (kind: TargetClock['clock']['kind'], targetMs: number, cycle = 1): TargetClock => ({
  cycle, policyId: 'p', clock: startClock({ kind, targetMs, warnAt: 0.5, calendar: { ...ALWAYS_OPEN, timeZone: 'UTC' }, at: t0, paused: false }),
});

describe('one clock for all of a ticket\'s targets', () => {
  it('sleeps until the earliest instant over all targets: warnings before deadlines', () => {
    const targets = [target('resolution', 10_000), target('first_response', 4_000)];
    expect(nextTargetDeadline(targets)).toBe(t0 + 2_000);
    const warned = settleTargets(targets, t0 + 2_000);
    expect(warned.events).toEqual([{ type: 'warning', target: 'first_response', cycle: 1, dueAt: new Date(t0 + 4_000).toISOString() }]);
    expect(warned.changed).toEqual(['first_response']);
    expect(nextTargetDeadline(warned.targets)).toBe(t0 + 4_000);
  });

  it('a late wake-up records each breach at its deadline, once', () => {
    const targets = [target('first_response', 4_000)];
    const late = settleTargets(settleTargets(targets, t0 + 2_000).targets, t0 + 4_000);
    expect(late.events).toEqual([{ type: 'breached', target: 'first_response', cycle: 1, at: new Date(t0 + 4_000).toISOString() }]);
    expect(settleTargets(late.targets, t0 + 9_000).events).toEqual([]);
    expect(nextTargetDeadline(late.targets)).toBeNull();
  });

  it('applies a command to the named targets only, after noting what was reached before it', () => {
    const targets = [target('first_response', 4_000), target('resolution', 60_000)];
    const ended = applyTicketCommand(targets, { type: 'apply', kinds: ['first_response'], command: { type: 'end', outcome: 'met', at: t0 + 3_000 } });
    expect(ended.events.map((e) => e.type)).toEqual(['warning']);
    expect(ended.targets.map((t) => t.clock.state)).toEqual(['met', 'running']);
    expect(nextTargetDeadline(ended.targets)).toBe(t0 + 30_000);
  });

  it('a lowered target already spent breaches at once; a new cycle replaces an ended one', () => {
    const targets = [target('first_response', 600_000)];
    const lowered = applyTicketCommand(targets, { type: 'apply', kinds: ['first_response'], command: { type: 'retarget', targetMs: 2_000, at: t0 + 5_000 } });
    expect(lowered.events).toEqual([{ type: 'breached', target: 'first_response', cycle: 1, at: new Date(t0 + 5_000).toISOString() }]);
    const met = applyTicketCommand(lowered.targets, { type: 'apply', kinds: ['first_response'], command: { type: 'end', outcome: 'met', at: t0 + 6_000 } });
    const next = { ...target('next_response', 1_000, 2) };
    const started = applyTicketCommand(met.targets, { type: 'start', target: next });
    expect(started.targets.map((t) => [t.clock.kind, t.cycle])).toEqual([['first_response', 1], ['next_response', 2]]);
    expect(started.changed).toEqual(['next_response']);
  });
});
