import type { Technician } from '../api/types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export interface ShiftDraft { start: string; end: string }

/**
 * A technician's record as the editor holds it: text where the person types (coordinates,
 * optional numbers and reasons as empty strings), each weekday's shifts as a list.
 */
export interface TechnicianDraft {
  skills: { skill: string; level: number }[];
  certifications: { name: string; number: string; expiresOn: string }[];
  home: { lat: string; lng: string };
  shifts: Record<Weekday, ShiftDraft[]>;
  timeZone: string;
  timeOff: { from: string; to: string; reason: string }[];
  vanLocationId: string | null;
  active: boolean;
}

/** What the API takes for a technician's editable record (create adds the member's id). */
export interface TechnicianBody {
  skills: { skill: string; level: number }[];
  certifications: { name: string; number: string | null; expiresOn: string | null }[];
  home: { lat: number; lng: number } | null;
  shifts: Partial<Record<Weekday, [string, string][]>>;
  timeZone: string;
  timeOff: { from: string; to: string; reason: string | null }[];
  vanLocationId: string | null;
  active: boolean;
}

const emptyShifts = (): Record<Weekday, ShiftDraft[]> => Object.fromEntries(WEEKDAYS.map((day) => [day, []])) as unknown as Record<Weekday, ShiftDraft[]>;

/** A new technician works Monday to Friday, 08:00–16:00, in the browser's time zone. */
export function newTechnicianDraft(timeZone: string): TechnicianDraft {
  const shifts = emptyShifts();
  for (const day of WEEKDAYS.slice(0, 5)) shifts[day] = [{ start: '08:00', end: '16:00' }];
  return { skills: [], certifications: [], home: { lat: '', lng: '' }, shifts, timeZone, timeOff: [], vanLocationId: null, active: true };
}

export function draftOf(technician: Technician): TechnicianDraft {
  const shifts = emptyShifts();
  for (const day of WEEKDAYS) shifts[day] = (technician.shifts[day] ?? []).map(([start, end]) => ({ start: start ?? '', end: end ?? '' }));
  return {
    skills: technician.skills.map((skill) => ({ ...skill })),
    certifications: technician.certifications.map((cert) => ({ name: cert.name, number: cert.number ?? '', expiresOn: cert.expiresOn ?? '' })),
    home: technician.home ? { lat: String(technician.home.lat), lng: String(technician.home.lng) } : { lat: '', lng: '' },
    shifts,
    timeZone: technician.timeZone,
    timeOff: technician.timeOff.map((off) => ({ from: off.from, to: off.to, reason: off.reason ?? '' })),
    vanLocationId: technician.vanLocationId,
    active: technician.active,
  };
}

const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * The draft as the API's body. No home base when both coordinates are blank; a coordinate that
 * is not a number is sent as typed, so the API's answer names it (`/home/lat`) rather than the
 * console guessing.
 */
export function bodyOf(draft: TechnicianDraft): TechnicianBody {
  const { lat, lng } = draft.home;
  const coordinate = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text) as number;
  const shifts: TechnicianBody['shifts'] = {};
  for (const day of WEEKDAYS) {
    if (draft.shifts[day].length > 0) shifts[day] = draft.shifts[day].map(({ start, end }) => [start, end]);
  }
  return {
    skills: draft.skills.map(({ skill, level }) => ({ skill: skill.trim(), level })),
    certifications: draft.certifications.map((cert) => ({ name: cert.name.trim(), number: blankToNull(cert.number), expiresOn: blankToNull(cert.expiresOn) })),
    home: lat.trim() === '' && lng.trim() === '' ? null : { lat: coordinate(lat), lng: coordinate(lng) },
    shifts,
    timeZone: draft.timeZone,
    timeOff: draft.timeOff.map((off) => ({ from: off.from, to: off.to, reason: blankToNull(off.reason) })),
    vanLocationId: draft.vanLocationId,
    active: draft.active,
  };
}

/** Weekly hours the shifts add up to ("38.5 h a week"), for the editor's summary. */
export function weeklyHours(shifts: Record<Weekday, ShiftDraft[]>): number {
  const minutes = (time: string) => {
    const [h, m] = time.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  const total = WEEKDAYS.flatMap((day) => shifts[day]).reduce((sum, { start, end }) => sum + Math.max(0, minutes(end) - minutes(start)), 0);
  return Math.round((total / 60) * 10) / 10;
}

/** Certifications that need attention, worst first: expired, then expiring within the warning window. */
export function certificationWarnings(technicians: readonly Technician[]): { technician: string; name: string; expiresOn: string; expiry: 'expired' | 'expiring' }[] {
  const rank = { expired: 0, expiring: 1 } as const;
  return technicians
    .filter((tech) => tech.active)
    .flatMap((tech) => tech.certifications.flatMap((cert) => (cert.expiry === 'expired' || cert.expiry === 'expiring') && cert.expiresOn ? [{ technician: tech.user.name, name: cert.name, expiresOn: cert.expiresOn, expiry: cert.expiry }] : []))
    .sort((a, b) => rank[a.expiry] - rank[b.expiry] || a.expiresOn.localeCompare(b.expiresOn));
}
