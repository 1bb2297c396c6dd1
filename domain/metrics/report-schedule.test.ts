import { describe, expect, it } from 'vitest';
import { Cadence, ReportScheduleInput, describeCadence, runRange, scheduleSpecOf } from './report-schedule';

describe('a report cadence as a Temporal Schedule spec', () => {
  it('daily: one calendar at the local hour and minute, in the schedule’s zone', () => {
    expect(scheduleSpecOf({ every: 'daily', at: '07:30' }, 'Europe/Paris')).toEqual({
      calendars: [{ second: 0, minute: 30, hour: 7 }], timezone: 'Europe/Paris',
    });
  });

  it('weekly: the weekday as Temporal names it', () => {
    expect(scheduleSpecOf({ every: 'weekly', at: '18:05', weekday: 'monday' }, 'America/New_York')).toEqual({
      calendars: [{ second: 0, minute: 5, hour: 18, dayOfWeek: 'MONDAY' }], timezone: 'America/New_York',
    });
  });

  it('monthly: the day of the month; only days 1 to 28, so every month has a run', () => {
    expect(scheduleSpecOf({ every: 'monthly', at: '00:00', dayOfMonth: 28 }, 'UTC')).toEqual({
      calendars: [{ second: 0, minute: 0, hour: 0, dayOfMonth: 28 }], timezone: 'UTC',
    });
    expect(Cadence.safeParse({ every: 'monthly', at: '08:00', dayOfMonth: 31 }).success).toBe(false);
    expect(Cadence.safeParse({ every: 'daily', at: '24:00' }).success).toBe(false);
    expect(Cadence.safeParse({ every: 'weekly', at: '08:00' }).success).toBe(false);
  });

  it('describes a cadence for people', () => {
    expect(describeCadence({ every: 'weekly', at: '08:00', weekday: 'friday' }, 'Europe/Paris')).toBe('Weekly on Friday at 08:00 (Europe/Paris)');
    expect(describeCadence({ every: 'monthly', at: '06:15', dayOfMonth: 1 }, 'UTC')).toBe('Monthly on day 1 at 06:15 (UTC)');
  });

  it('refuses an unknown zone and a recipient listed twice', () => {
    const base = { name: 'Weekly backlog', source: { kind: 'dashboard', dashboardId: 'support' }, format: 'pdf', recipients: ['a@example.com'], cadence: { every: 'daily', at: '08:00' }, timeZone: 'Europe/Paris' };
    expect(ReportScheduleInput.safeParse(base).success).toBe(true);
    expect(ReportScheduleInput.safeParse({ ...base, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(ReportScheduleInput.safeParse({ ...base, recipients: ['a@example.com', 'A@example.com'] }).success).toBe(false);
    expect(ReportScheduleInput.safeParse({ ...base, source: { kind: 'dashboard', dashboardId: 'nope' } }).success).toBe(false);
  });
});

describe('the days a run covers', () => {
  // 06:30 UTC on 1 December is 07:30 in Paris, but still 30 November in Los Angeles.
  const runAt = new Date('2026-12-01T06:30:00Z');

  it('ends at the start of the run’s local date, in the schedule’s zone', () => {
    expect(runRange({ every: 'daily', at: '07:30' }, null, runAt, 'Europe/Paris')).toEqual({ from: '2026-11-30', to: '2026-12-01', timeZone: 'Europe/Paris' });
    expect(runRange({ every: 'daily', at: '22:30' }, null, runAt, 'America/Los_Angeles')).toEqual({ from: '2026-11-29', to: '2026-11-30', timeZone: 'America/Los_Angeles' });
  });

  it('a week, a month (clamped to the shorter month), or the saved report’s own number of days', () => {
    expect(runRange({ every: 'weekly', at: '07:30', weekday: 'tuesday' }, null, runAt, 'Europe/Paris').from).toBe('2026-11-24');
    expect(runRange({ every: 'monthly', at: '07:30', dayOfMonth: 1 }, null, runAt, 'Europe/Paris').from).toBe('2026-11-01');
    expect(runRange({ every: 'monthly', at: '07:30', dayOfMonth: 1 }, null, new Date('2027-03-31T12:00:00Z'), 'UTC').from).toBe('2027-02-28');
    expect(runRange({ every: 'daily', at: '07:30' }, 30, runAt, 'Europe/Paris')).toEqual({ from: '2026-11-01', to: '2026-12-01', timeZone: 'Europe/Paris' });
  });
});
