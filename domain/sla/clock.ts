import { addBusinessMillis, businessMillisBetween } from '../calendar/business-time';
import type { BusinessCalendar } from '../calendar/calendar';
import type { SlaTargetKind } from './policy';

export type ClockState = 'running' | 'paused' | 'met' | 'cancelled';

/**
 * One SLA clock, as data. Business time spent is `spentMs` plus, while running, the business
 * time since `runningSince`. Breach and warning are not states: they are facts about time
 * spent against the target, so a clock can be paused *and* breached, and a raised target can
 * un-breach a clock that had not yet fired.
 */
export interface Clock {
  kind: SlaTargetKind;
  targetMs: number;
  warnAt: number;
  calendar: BusinessCalendar;
  state: ClockState;
  spentMs: number;
  runningSince: number | null;
  startedAt: number;
  endedAt: number | null;
  warnedAt: number | null;
  breachedAt: number | null;
}

export function startClock(input: { kind: SlaTargetKind; targetMs: number; warnAt: number; calendar: BusinessCalendar; at: number; paused: boolean }): Clock {
  return {
    kind: input.kind,
    targetMs: input.targetMs,
    warnAt: input.warnAt,
    calendar: input.calendar,
    state: input.paused ? 'paused' : 'running',
    spentMs: 0,
    runningSince: input.paused ? null : input.at,
    startedAt: input.at,
    endedAt: null,
    warnedAt: null,
    breachedAt: null,
  };
}

export function spentAt(clock: Clock, at: number): number {
  if (clock.state !== 'running' || clock.runningSince === null) return clock.spentMs;
  return clock.spentMs + businessMillisBetween(clock.calendar, clock.runningSince, at);
}

/** The instant the clock reaches `share` of its target, or null while it is not running. */
export function instantAtShare(clock: Clock, share: number): number | null {
  if (clock.state !== 'running' || clock.runningSince === null) return null;
  const left = Math.ceil(clock.targetMs * share) - clock.spentMs;
  return left <= 0 ? clock.runningSince : addBusinessMillis(clock.calendar, clock.runningSince, left);
}

export const dueAt = (clock: Clock): number | null => instantAtShare(clock, 1);
export const warnInstant = (clock: Clock): number | null => instantAtShare(clock, clock.warnAt);

export function pause(clock: Clock, at: number): Clock {
  if (clock.state !== 'running') return clock;
  return { ...clock, state: 'paused', spentMs: spentAt(clock, at), runningSince: null };
}

export function resume(clock: Clock, at: number): Clock {
  if (clock.state !== 'paused') return clock;
  return { ...clock, state: 'running', runningSince: at };
}

/** A new target applies to the business time already spent. */
export function retarget(clock: Clock, targetMs: number, at: number): Clock {
  if (clock.state === 'met' || clock.state === 'cancelled') return clock;
  const settled = clock.state === 'running' ? { ...clock, spentMs: spentAt(clock, at), runningSince: at } : clock;
  const stillBreached = settled.spentMs >= targetMs;
  return {
    ...settled,
    targetMs,
    breachedAt: stillBreached ? settled.breachedAt : null,
    warnedAt: settled.spentMs >= targetMs * settled.warnAt ? settled.warnedAt : null,
  };
}

export function end(clock: Clock, outcome: 'met' | 'cancelled', at: number): Clock {
  if (clock.state === 'met' || clock.state === 'cancelled') return clock;
  return { ...clock, state: outcome, spentMs: spentAt(clock, at), runningSince: null, endedAt: at };
}

/** The facts that became true by `at`: the warning share and the deadline. */
/** What a ticket tells a clock about one change: every time is the ticket workflow's own. */
export type ClockCommand =
  | { type: 'pause'; at: number }
  | { type: 'resume'; at: number }
  | { type: 'retarget'; targetMs: number; at: number }
  | { type: 'end'; outcome: 'met' | 'cancelled'; at: number };

export function applyClockCommand(clock: Clock, command: ClockCommand): Clock {
  switch (command.type) {
    case 'pause':
      return pause(clock, command.at);
    case 'resume':
      return resume(clock, command.at);
    case 'retarget':
      return retarget(clock, command.targetMs, command.at);
    case 'end':
      return end(clock, command.outcome, command.at);
  }
}

export function observe(clock: Clock, at: number): { clock: Clock; warned: boolean; breached: boolean } {
  const spent = spentAt(clock, at);
  const warned = clock.warnedAt === null && spent >= clock.targetMs * clock.warnAt;
  const breached = clock.breachedAt === null && spent >= clock.targetMs;
  return {
    clock: { ...clock, warnedAt: warned ? at : clock.warnedAt, breachedAt: breached ? at : clock.breachedAt },
    warned,
    breached,
  };
}

/** The next instant something may happen to a running clock (warning, then deadline). */
export function nextDeadline(clock: Clock): number | null {
  if (clock.state !== 'running') return null;
  if (clock.warnedAt === null) return warnInstant(clock);
  if (clock.breachedAt === null) return dueAt(clock);
  return null;
}

export interface ClockView {
  target: SlaTargetKind;
  targetSeconds: number;
  state: 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
  dueAt: string | null;
  remainingSeconds: number;
  elapsedBusinessSeconds: number;
  breachedAt: string | null;
}

/** How the API shows a clock: `breached` wins over running/paused; met stays met. */
export function viewClock(clock: Clock, at: number): ClockView {
  const spent = spentAt(clock, at);
  const due = dueAt(clock);
  const overdue = spent >= clock.targetMs;
  const open = clock.state === 'running' || clock.state === 'paused';
  return {
    target: clock.kind,
    targetSeconds: Math.round(clock.targetMs / 1000),
    state: open && (overdue || clock.breachedAt !== null) ? 'breached' : clock.state,
    dueAt: due === null ? null : new Date(due).toISOString(),
    remainingSeconds: Math.round((clock.targetMs - spent) / 1000),
    elapsedBusinessSeconds: Math.floor(spent / 1000),
    breachedAt: clock.breachedAt === null ? null : new Date(clock.breachedAt).toISOString(),
  };
}
