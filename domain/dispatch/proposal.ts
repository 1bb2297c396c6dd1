/**
 * Proposals: from the optimizer's Plan, and from an assignment the dispatcher edited, walked
 * stop by stop over the same travel matrix and checked (time windows, shift end, skills).
 */
import type { Plan } from '../routing/index';
import { toInstant, toSeconds } from './clock';
import { isStarted, toRoutingProblem, type DispatchProblem } from './problem';
import type { Assignment, DispatchSnapshot, DispatchUnassignedReason, DispatchWorkOrder, Proposal, ProposedRoute, ProposedStop, Violation } from './types';

type Locks = Readonly<Record<string, string>>;

export function proposalFromPlan(snapshot: DispatchSnapshot, built: DispatchProblem, plan: Plan, locks: Locks = {}): Proposal {
  const byNumber = workOrdersByNumber(snapshot);
  const names = new Map(snapshot.technicians.map((t) => [t.id, t.name]));
  const routes: ProposedRoute[] = plan.routes.map((route) => ({
    technicianId: route.technicianId,
    technicianName: names.get(route.technicianId) ?? '',
    stops: route.stops
      .filter((stop) => stop.kind === 'job')
      .map((stop) => stopOf(snapshot, byNumber.get(Number(stop.id))!, stop.arrival, stop.start, stop.end, locks, route.technicianId)),
    travelSeconds: Math.round(route.travelTime),
    travelMeters: Math.round(route.travelDistance),
  }));
  const unassigned = [
    ...plan.unassigned.map((u) => ({ number: Number(u.id), reason: u.reason as DispatchUnassignedReason })),
    ...built.unlocated.map((number) => ({ number, reason: 'no-location' as const })),
  ];
  return finish(routes, snapshot.technicians.length === 0 ? unassigned.map((u) => ({ ...u, reason: 'no-technicians' as const })) : unassigned, byNumber);
}

export interface Evaluation {
  readonly proposal: Proposal;
  readonly violations: readonly Violation[];
}

/** Walks each route of an edited assignment: times, and every constraint it breaks. */
export function evaluateAssignment(snapshot: DispatchSnapshot, assignment: Assignment, locks: Locks = {}): Evaluation {
  const built = toRoutingProblem(snapshot, { locks });
  const { matrix, jobLocation, homeLocation } = built;
  const byNumber = workOrdersByNumber(snapshot);
  const violations: Violation[] = [];
  const travel = (from: number, to: number) => matrix.duration[from * matrix.size + to]!;
  const meters = (from: number, to: number) => matrix.distance[from * matrix.size + to]!;
  const routes: ProposedRoute[] = [];
  for (const tech of snapshot.technicians) {
    const numbers = assignment.routes[tech.id] ?? [];
    if (numbers.length === 0) continue;
    const home = homeLocation.get(tech.id)!;
    let at = home;
    let t = toSeconds(snapshot.date, tech.shift.start);
    let travelSeconds = 0;
    let travelMeters = 0;
    const stops: ProposedStop[] = [];
    for (const number of numbers) {
      const wo = byNumber.get(number)!;
      const loc = jobLocation.get(number);
      if (loc === undefined) {
        violations.push({ workOrderNumber: number, technicianId: tech.id, kind: 'no-location', message: `Work order #${number} has no site location.` });
        continue;
      }
      const missing = wo.requiredSkills.filter((skill) => !tech.skills.includes(skill));
      if (missing.length > 0 && !isStarted(wo)) {
        violations.push({ workOrderNumber: number, technicianId: tech.id, kind: 'skill', message: `${tech.name || tech.id} lacks ${missing.join(', ')} for #${number}.` });
      }
      const arrival = t + travel(at, loc);
      travelSeconds += travel(at, loc);
      travelMeters += meters(at, loc);
      let start = arrival;
      if (!isStarted(wo) && wo.windows.length > 0) {
        const windows = wo.windows.map((w) => ({ start: toSeconds(snapshot.date, w.start), end: toSeconds(snapshot.date, w.end) })).sort((a, b) => a.start - b.start);
        const fits = windows.find((w) => arrival <= w.end);
        if (fits) start = Math.max(arrival, fits.start);
        else {
          const last = windows[windows.length - 1]!;
          violations.push({
            workOrderNumber: number, technicianId: tech.id, kind: 'time-window',
            message: `#${number} would start at ${toInstant(snapshot.date, arrival)}, ${Math.ceil((arrival - last.end) / 60)} min after its window closes (${toInstant(snapshot.date, last.end)}).`,
          });
        }
      }
      const end = start + wo.durationMinutes * 60;
      stops.push(stopOf(snapshot, wo, arrival, start, end, locks, tech.id));
      t = end;
      at = loc;
    }
    travelSeconds += travel(at, home);
    travelMeters += meters(at, home);
    t += travel(at, home);
    const shiftEnd = toSeconds(snapshot.date, tech.shift.end);
    if (t > shiftEnd) {
      violations.push({
        workOrderNumber: numbers[numbers.length - 1] ?? null, technicianId: tech.id, kind: 'shift-end',
        message: `${tech.name || tech.id} would be back at ${toInstant(snapshot.date, t)}, after the shift ends (${tech.shift.end}).`,
      });
    }
    routes.push({ technicianId: tech.id, technicianName: tech.name, stops, travelSeconds: Math.round(travelSeconds), travelMeters: Math.round(travelMeters) });
  }
  const unassigned = assignment.unassigned.map((number) => ({ number, reason: 'unassigned-by-dispatcher' as const }));
  return { proposal: finish(routes, unassigned, byNumber), violations };
}

/** The proposal as technician → work orders in visit order, plus the unassigned ones. */
export function assignmentOf(proposal: Proposal): Assignment {
  return {
    routes: Object.fromEntries(proposal.routes.map((r) => [r.technicianId, r.stops.map((s) => s.workOrderNumber)])),
    unassigned: proposal.unassigned.map((u) => u.workOrderNumber),
  };
}

function stopOf(snapshot: DispatchSnapshot, wo: DispatchWorkOrder, arrival: number, start: number, end: number, locks: Locks, technicianId: string): ProposedStop {
  return {
    workOrderNumber: wo.number,
    title: wo.title,
    eta: toInstant(snapshot.date, arrival),
    start: toInstant(snapshot.date, start),
    end: toInstant(snapshot.date, end),
    locked: locks[String(wo.number)] === technicianId,
    started: isStarted(wo),
  };
}

function finish(
  routes: ProposedRoute[],
  unassigned: readonly { number: number; reason: DispatchUnassignedReason }[],
  byNumber: ReadonlyMap<number, DispatchWorkOrder>,
): Proposal {
  const list = [...unassigned].sort((a, b) => a.number - b.number).map((u) => ({ workOrderNumber: u.number, title: byNumber.get(u.number)?.title ?? '', reason: u.reason }));
  const assigned = routes.reduce((n, r) => n + r.stops.length, 0);
  return {
    routes,
    unassigned: list,
    summary: { assigned, unassigned: list.length, travelSeconds: routes.reduce((n, r) => n + r.travelSeconds, 0), technicians: routes.filter((r) => r.stops.length > 0).length },
  };
}

function workOrdersByNumber(snapshot: DispatchSnapshot): Map<number, DispatchWorkOrder> {
  return new Map(snapshot.workOrders.map((wo) => [wo.number, wo]));
}
