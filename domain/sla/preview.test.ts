import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../calendar/calendar';
import type { SlaPolicy } from './policy';
import { previewPolicy } from './preview';

const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] },
  holidays: [],
};

const policy = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'p', name: 'Office', position: 0, conditions: { priorities: ['high'] },
  targets: { high: { first_response: 2 * 3600, resolution: 8 * 3600 } },
  hours: 'business', calendarId: 'c', pauseStatuses: ['pending'], warnAt: 0.75, ...overrides,
});

const ticket = { priority: 'high' as const, channel: 'email' as const, tags: [], teamId: null, companyId: null };
// Friday 2026-11-27, 16:00 in Paris (UTC+1).
const fridayAfternoon = Date.parse('2026-11-27T15:00:00Z');

describe('previewPolicy', () => {
  it('carries business targets over the weekend', () => {
    const preview = previewPolicy(policy(), ticket, office, fridayAfternoon);
    expect(preview.matches).toBe(true);
    expect(preview.targets).toEqual([
      // One hour on Friday, one on Monday from 09:00 Paris.
      { target: 'first_response', seconds: 7200, dueAt: '2026-11-30T09:00:00.000Z' },
      // One hour on Friday and seven on Monday: 16:00 Paris.
      { target: 'resolution', seconds: 28800, dueAt: '2026-11-30T15:00:00.000Z' },
    ]);
  });

  it('counts every hour on calendar hours, and says when the ticket would not match', () => {
    const preview = previewPolicy(policy({ hours: 'calendar', calendarId: null }), { ...ticket, priority: 'normal' }, null, fridayAfternoon);
    expect(preview.matches).toBe(false);
    expect(preview.targets).toEqual([]);
    const high = previewPolicy(policy({ hours: 'calendar', calendarId: null }), ticket, null, fridayAfternoon);
    expect(high.targets[0]).toEqual({ target: 'first_response', seconds: 7200, dueAt: '2026-11-27T17:00:00.000Z' });
  });
});
