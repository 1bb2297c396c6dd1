/** The server's calendar and SLA vocabulary, shared as is, plus how the console shows it. */
import type { SlaClock, SlaTarget } from '../api/types';

export { WEEKDAYS, calendarProblems, minutesOf } from '../../../domain/calendar/calendar';
export type { Weekday } from '../../../domain/calendar/calendar';
export { SLA_TARGETS } from '../../../domain/sla/policy';

export const TARGET_LABELS: Record<SlaTarget, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

export const WEEKDAY_LABELS = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as const;

export type Urgency = 'met' | 'paused' | 'calm' | 'warning' | 'critical' | 'breached' | 'cancelled';

/**
 * How pressing a clock is, from the share of its target still left at `now`: the badge's
 * colour. A running clock's countdown is the wall-clock time to its due instant, so the
 * badge ticks between fetches; the due instant itself already accounts for business hours.
 */
export function urgencyOf(clock: SlaClock, now: number): { urgency: Urgency; remainingSeconds: number } {
  const remainingSeconds = liveRemaining(clock, now);
  if (clock.state === 'met' || clock.state === 'cancelled') return { urgency: clock.state, remainingSeconds };
  if (clock.state === 'breached' || remainingSeconds <= 0) return { urgency: 'breached', remainingSeconds };
  if (clock.state === 'paused') return { urgency: 'paused', remainingSeconds };
  // Business time left can be less than wall time to the due instant (nights, weekends).
  const share = Math.min(remainingSeconds, clock.remainingSeconds) / clock.targetSeconds;
  return { urgency: share <= 0.1 ? 'critical' : share <= 0.25 ? 'warning' : 'calm', remainingSeconds };
}

function liveRemaining(clock: SlaClock, now: number): number {
  if (clock.state !== 'running' || clock.dueAt === null) return clock.remainingSeconds;
  return Math.round((Date.parse(clock.dueAt) - now) / 1000);
}

/** `2h 05m`, `45m`, `30s`; negative durations read as overdue by the caller. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.abs(totalSeconds);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${seconds % 60}s`;
}

/** Tickets by the due instant of their SLA clock, soonest first; those without one last. */
export function bySoonestDue<T extends { sla: SlaClock | null }>(tickets: readonly T[]): T[] {
  const dueTime = (ticket: T) => (ticket.sla?.dueAt ? Date.parse(ticket.sla.dueAt) : Number.POSITIVE_INFINITY);
  return [...tickets].sort((a, b) => dueTime(a) - dueTime(b));
}
