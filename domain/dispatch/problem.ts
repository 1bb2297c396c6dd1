/**
 * The day's snapshot as a RoutingProblem: technicians' homes first in the matrix, then the
 * sites. Times are seconds since midnight UTC of the planning date. Started jobs head their
 * technician's route (fixed), locked jobs may only go to their technician.
 */
import { haversineMatrix, type InitialRoute, type Job, type RoutingProblem, type Technician, type TravelMatrix } from '../routing/index';
import { toSeconds } from './clock';
import { STARTED_STATUSES, type Assignment, type DispatchSnapshot, type DispatchWorkOrder } from './types';

const PRIORITY_WEIGHT: Record<DispatchWorkOrder['priority'], number> = { low: 1, normal: 2, high: 3, urgent: 5 };

export interface DispatchProblem {
  readonly problem: RoutingProblem;
  /** Work orders left out of the problem because they have no location. */
  readonly unlocated: readonly number[];
  /** Matrix index of each routed work order and of each technician's home. */
  readonly jobLocation: ReadonlyMap<number, number>;
  readonly homeLocation: ReadonlyMap<string, number>;
  readonly matrix: TravelMatrix;
}

export interface ProblemOptions {
  /** Work order → technician it is locked to. */
  readonly locks?: Readonly<Record<string, string>>;
}

export const isStarted = (workOrder: DispatchWorkOrder): boolean => (STARTED_STATUSES as readonly string[]).includes(workOrder.status);

export function toRoutingProblem(snapshot: DispatchSnapshot, options: ProblemOptions = {}): DispatchProblem {
  const { date } = snapshot;
  const locks = options.locks ?? {};
  const technicianIds = new Set(snapshot.technicians.map((t) => t.id));
  const points: { lat: number; lon: number }[] = [];
  const homeLocation = new Map<string, number>();
  for (const tech of snapshot.technicians) {
    homeLocation.set(tech.id, points.length);
    points.push({ lat: tech.home.lat, lon: tech.home.lng });
  }
  const jobLocation = new Map<number, number>();
  const unlocated: number[] = [];
  const routed = snapshot.workOrders.filter((wo) => {
    if (!wo.location) {
      unlocated.push(wo.number);
      return false;
    }
    jobLocation.set(wo.number, points.length);
    points.push({ lat: wo.location.lat, lon: wo.location.lng });
    return true;
  });
  const matrix = haversineMatrix(points);

  const jobs: Job[] = routed.map((wo) => {
    const started = isStarted(wo) && wo.technicianId !== null && technicianIds.has(wo.technicianId);
    const lockedTo = started ? wo.technicianId : locks[String(wo.number)];
    return {
      id: String(wo.number),
      location: jobLocation.get(wo.number)!,
      serviceDuration: wo.durationMinutes * 60,
      ...(!started && wo.windows.length > 0 && { windows: wo.windows.map((w) => ({ start: toSeconds(date, w.start), end: toSeconds(date, w.end) })) }),
      ...(!started && { skills: wo.requiredSkills }),
      priority: PRIORITY_WEIGHT[wo.priority],
      ...(lockedTo && technicianIds.has(lockedTo) && { technicianId: lockedTo }),
    };
  });

  const technicians: Technician[] = snapshot.technicians.map((tech) => {
    const fixedJobs = routed
      .filter((wo) => isStarted(wo) && wo.technicianId === tech.id)
      .sort((a, b) => (a.scheduled?.start ?? '').localeCompare(b.scheduled?.start ?? '') || a.number - b.number)
      .map((wo) => String(wo.number));
    const home = homeLocation.get(tech.id)!;
    return {
      id: tech.id,
      start: home,
      end: home,
      shift: { start: toSeconds(date, tech.shift.start), end: toSeconds(date, tech.shift.end) },
      skills: tech.skills,
      ...(fixedJobs.length > 0 && { fixedJobs }),
    };
  });

  return { problem: { technicians, jobs, matrix }, unlocated, jobLocation, homeLocation, matrix };
}

/** A current assignment as the optimizer's warm start (started jobs are its fixed heads already). */
export function warmStart(assignment: Assignment): InitialRoute[] {
  return Object.entries(assignment.routes).map(([technicianId, numbers]) => ({ technicianId, jobIds: numbers.map(String) }));
}
