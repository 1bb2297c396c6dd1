import { describe, expect, it } from 'vitest';
import { slotRefusals, type SlotRequest } from './slot-check';

// Amsterdam is UTC+1 in January: 08:00 local is 07:00Z.
const request = (overrides: Partial<SlotRequest> & { windowStart: string }): SlotRequest => ({
  job: { requiredSkills: ['hvac'], durationMinutes: 60 },
  technician: {
    name: 'Tess', active: true, skills: [{ skill: 'HVAC', level: 3 }], timeZone: 'Europe/Amsterdam',
    shifts: { mon: [['08:00', '12:00'], ['13:00', '17:00']] },
    timeOff: [{ from: '2027-01-11', to: '2027-01-15', reason: 'Skiing' }],
  },
  otherVisits: [],
  ...overrides,
});
const reasons = (r: SlotRequest) => slotRefusals(r).map((refusal) => refusal.reason);

describe('checking a slot chosen by hand', () => {
  it('accepts a visit inside one shift span, with the skills, on a working day', () => {
    expect(slotRefusals(request({ windowStart: '2027-01-04T07:00:00Z' }))).toEqual([]);
    // Ends exactly when the morning span ends.
    expect(slotRefusals(request({ windowStart: '2027-01-04T10:00:00Z' }))).toEqual([]);
  });

  it('refuses a visit over the lunch gap, before the shift or on a day off the rota, saying the hours', () => {
    const lunch = slotRefusals(request({ windowStart: '2027-01-04T10:30:00Z' }));
    expect(lunch).toEqual([{ reason: 'off-shift', pointer: '/windowStart', message: "The visit (11:30–12:30 Europe/Amsterdam, 60 min) falls outside Tess's shifts on 2027-01-04 (08:00–12:00 and 13:00–17:00)." }]);
    expect(reasons(request({ windowStart: '2027-01-04T06:30:00Z' }))).toEqual(['off-shift']);
    expect(slotRefusals(request({ windowStart: '2027-01-05T09:00:00Z' }))[0]?.message).toBe('Tess does not work on 2027-01-05 (the visit: 10:00–11:00 Europe/Amsterdam, 60 min).');
  });

  it('refuses time off, with its reason, and a missing skill and an inactive technician all at once', () => {
    const refusals = slotRefusals(request({
      windowStart: '2027-01-11T09:00:00Z',
      job: { requiredSkills: ['hvac', 'electrical', 'gas'], durationMinutes: 30 },
      technician: { ...request({ windowStart: '' }).technician, active: false },
    }));
    expect(refusals.map((refusal) => refusal.reason)).toEqual(['inactive', 'skill', 'time-off']);
    expect(refusals[1]?.message).toBe('Tess lacks the required skills electrical, gas.');
    expect(refusals[2]?.message).toBe('Tess is off from 2027-01-11 to 2027-01-15 (Skiing).');
  });

  it("refuses an overlap with the technician's other visits, naming them; back to back is fine", () => {
    const otherVisits = [{ number: 7, start: '2027-01-04T08:00:00Z', durationMinutes: 90 }];
    expect(slotRefusals(request({ windowStart: '2027-01-04T09:00:00Z', otherVisits }))).toEqual([
      { reason: 'overlap', pointer: '/windowStart', message: 'Tess is on work order #7 from 09:00 to 10:30.' },
    ]);
    expect(slotRefusals(request({ windowStart: '2027-01-04T09:30:00Z', otherVisits }))).toEqual([]);
    expect(slotRefusals(request({ windowStart: '2027-01-04T07:00:00Z', otherVisits }))).toEqual([]);
  });

  it('reads the shift in the technician zone across a daylight-saving change', () => {
    // 29 March 2027 is a Monday after the switch to summer time (UTC+2): 08:00 local is 06:00Z.
    expect(slotRefusals(request({ windowStart: '2027-03-29T06:00:00Z' }))).toEqual([]);
    expect(reasons(request({ windowStart: '2027-03-29T05:30:00Z' }))).toEqual(['off-shift']);
  });
});
