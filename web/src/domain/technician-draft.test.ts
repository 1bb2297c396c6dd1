import { describe, expect, it } from 'vitest';
import type { Technician } from '../api/types';
import { bodyOf, certificationWarnings, draftOf, newTechnicianDraft, weeklyHours } from './technician-draft';

const technician = (overrides: Partial<Technician> = {}): Technician => ({
  id: 't1', user: { id: 'u1', name: 'Tess', email: 'tess@example.com' },
  skills: [{ skill: 'hvac', level: 3 }],
  certifications: [{ name: 'F-gas', number: 'FG-1', expiresOn: '2027-01-01', expiry: 'valid' }, { name: 'Driving', number: null, expiresOn: null, expiry: 'none' }],
  home: { lat: 52.37, lng: 4.89 }, shifts: { mon: [['08:00', '12:00'], ['13:00', '17:00']], sat: [['09:00', '13:00']] },
  timeZone: 'Europe/Amsterdam', timeOff: [{ from: '2026-12-24', to: '2026-12-26', reason: null }],
  vanLocationId: 'van-1', active: true, lastPosition: null,
  ...overrides,
});

describe("the technician editor's draft", () => {
  it('round-trips a saved record into the body the API takes', () => {
    expect(bodyOf(draftOf(technician()))).toEqual({
      skills: [{ skill: 'hvac', level: 3 }],
      certifications: [{ name: 'F-gas', number: 'FG-1', expiresOn: '2027-01-01' }, { name: 'Driving', number: null, expiresOn: null }],
      home: { lat: 52.37, lng: 4.89 },
      shifts: { mon: [['08:00', '12:00'], ['13:00', '17:00']], sat: [['09:00', '13:00']] },
      timeZone: 'Europe/Amsterdam', timeOff: [{ from: '2026-12-24', to: '2026-12-26', reason: null }], vanLocationId: 'van-1', active: true,
    });
  });

  it('sends no home base when both coordinates are blank, and a typed non-number as typed for the API to name', () => {
    const draft = draftOf(technician());
    draft.home = { lat: ' ', lng: '' };
    expect(bodyOf(draft).home).toBeNull();
    draft.home = { lat: 'north', lng: '4.9' };
    expect(bodyOf(draft).home).toEqual({ lat: 'north', lng: 4.9 });
  });

  it('trims skills and blanks, and leaves days without shifts out', () => {
    const draft = newTechnicianDraft('UTC');
    draft.skills.push({ skill: '  Boilers ', level: 4 });
    draft.certifications.push({ name: 'Gas Safe ', number: ' ', expiresOn: '' });
    draft.timeOff.push({ from: '2027-01-02', to: '2027-01-03', reason: '  ' });
    draft.shifts.fri = [];
    const body = bodyOf(draft);
    expect(body.skills).toEqual([{ skill: 'Boilers', level: 4 }]);
    expect(body.certifications).toEqual([{ name: 'Gas Safe', number: null, expiresOn: null }]);
    expect(body.timeOff).toEqual([{ from: '2027-01-02', to: '2027-01-03', reason: null }]);
    expect(Object.keys(body.shifts)).toEqual(['mon', 'tue', 'wed', 'thu']);
  });

  it('adds up the weekly hours of the shifts', () => {
    expect(weeklyHours(draftOf(technician()).shifts)).toBe(12);
    expect(weeklyHours(newTechnicianDraft('UTC').shifts)).toBe(40);
  });

  it('lists expired then expiring certifications of active technicians, soonest first', () => {
    const list = certificationWarnings([
      technician({ user: { id: 'a', name: 'Ann', email: 'a@x' }, certifications: [{ name: 'Height', number: null, expiresOn: '2026-12-20', expiry: 'expiring' }, { name: 'F-gas', number: null, expiresOn: '2020-01-01', expiry: 'expired' }] }),
      technician({ user: { id: 'b', name: 'Bo', email: 'b@x' }, certifications: [{ name: 'First aid', number: null, expiresOn: '2026-12-10', expiry: 'expiring' }] }),
      technician({ user: { id: 'c', name: 'Cy', email: 'c@x' }, active: false, certifications: [{ name: 'F-gas', number: null, expiresOn: '2019-01-01', expiry: 'expired' }] }),
    ]);
    expect(list).toEqual([
      { technician: 'Ann', name: 'F-gas', expiresOn: '2020-01-01', expiry: 'expired' },
      { technician: 'Bo', name: 'First aid', expiresOn: '2026-12-10', expiry: 'expiring' },
      { technician: 'Ann', name: 'Height', expiresOn: '2026-12-20', expiry: 'expiring' },
    ]);
  });
});
