/**
 * Seeded generators of field-service days, for property tests and the benchmark's scaling
 * and re-planning runs. Time is in minutes from midnight; travel is Euclidean on a plane
 * measured in driving minutes.
 */
import { createRng, type Rng } from '../../domain/routing/rng';
import { euclideanMatrix, type Job, type RoutingProblem, type Technician } from '../../domain/routing';

export interface DayOptions {
  readonly jobs: number;
  readonly technicians: number;
  readonly seed: number;
  /** Side of the square service area, in driving minutes. */
  readonly area?: number;
  /** Turn on skills, breaks, optional and locked jobs, multiple windows and open-ended shifts. */
  readonly rich?: boolean;
}

const SKILLS = ['electric', 'gas', 'hvac'];
export const SHIFT = { start: 8 * 60, end: 17 * 60 };

export function generateDay(options: DayOptions): RoutingProblem {
  const rng = createRng(options.seed);
  const area = options.area ?? 60;
  const depots = [{ x: area / 2, y: area / 2 }, { x: area / 4, y: (3 * area) / 4 }];
  const points = [...depots];
  const technicians: Technician[] = Array.from({ length: options.technicians }, (_, t) => technician(rng, t, options.rich ?? false));
  const jobs: Job[] = [];
  for (let j = 0; j < options.jobs; j++) {
    points.push({ x: rng.next() * area, y: rng.next() * area });
    jobs.push(job(rng, j, points.length - 1, technicians, options.rich ?? false));
  }
  return { technicians, jobs, matrix: euclideanMatrix(points) };
}

function technician(rng: Rng, t: number, rich: boolean): Technician {
  const start = rich ? rng.int(2) : 0;
  const lunch = 11 * 60 + 30 + rng.int(60);
  return {
    id: `tech-${t}`,
    start,
    end: rich && rng.next() < 0.2 ? null : start,
    shift: SHIFT,
    capacity: 12 + rng.int(10),
    skills: rich ? SKILLS.filter(() => rng.next() < 0.6) : SKILLS,
    breaks: rich && rng.next() < 0.5 ? [{ id: `lunch-${t}`, windows: [{ start: lunch, end: lunch + 60 }], duration: 30 }] : [],
  };
}

function job(rng: Rng, j: number, location: number, technicians: readonly Technician[], rich: boolean): Job {
  const service = 15 + rng.int(46);
  const windows = timeWindows(rng, rich, service);
  const base = { id: `job-${j}`, location, serviceDuration: service, windows, demand: 1 + rng.int(3), priority: 1 + rng.int(3) };
  if (!rich) return base;
  const locked = rng.next() < 0.05 && technicians.length > 0 ? technicians[rng.int(technicians.length)]!.id : undefined;
  return {
    ...base,
    skills: rng.next() < 0.4 ? [SKILLS[rng.int(SKILLS.length)]!] : [],
    optional: rng.next() < 0.3,
    ...(locked && { technicianId: locked }),
  };
}

function timeWindows(rng: Rng, rich: boolean, service: number) {
  const roll = rng.next();
  if (roll < 0.3) return [];
  const open = SHIFT.start + rng.int(SHIFT.end - SHIFT.start - 120 - service);
  const first = { start: open, end: open + 120 };
  if (!rich || roll < 0.8) return [first];
  const later = Math.min(SHIFT.end - service - 60, first.end + 60 + rng.int(120));
  return later > first.end ? [first, { start: later, end: later + 60 }] : [first];
}
