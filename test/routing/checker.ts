/**
 * An independent feasibility checker, written apart from the optimizer's own schedule code:
 * it recomputes every route from the raw input (coordinates or matrix, windows, durations)
 * and lists each violation it finds. The benchmark and the tests trust only this.
 */
import type { Plan, RoutingProblem, SolomonInstance } from '../../domain/routing';

const EPS = 1e-6;

export interface SolomonCheck {
  readonly violations: string[];
  readonly vehicles: number;
  readonly distance: number;
}

/** Routes as customer ids in visit order, depot left out. */
export function checkSolomon(instance: SolomonInstance, routes: readonly (readonly number[])[]): SolomonCheck {
  const violations: string[] = [];
  const depot = instance.customers[0]!;
  const byId = new Map(instance.customers.slice(1).map((c) => [c.id, c]));
  const seen = new Map<number, number>();
  const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
  let distance = 0;
  let vehicles = 0;
  routes.forEach((route, r) => {
    if (route.length === 0) return;
    vehicles++;
    let load = 0;
    let time = depot.ready;
    let at = depot;
    for (const id of route) {
      const c = byId.get(id);
      if (!c) {
        violations.push(`route ${r}: unknown customer ${id}`);
        continue;
      }
      seen.set(id, (seen.get(id) ?? 0) + 1);
      distance += dist(at, c);
      time = Math.max(time + dist(at, c), c.ready);
      if (time > c.due + EPS) violations.push(`route ${r}: customer ${id} served at ${time} after its due date ${c.due}`);
      time += c.service;
      load += c.demand;
      at = c;
    }
    distance += dist(at, depot);
    time += dist(at, depot);
    if (time > depot.due + EPS) violations.push(`route ${r}: back at the depot at ${time} after ${depot.due}`);
    if (load > instance.capacity + EPS) violations.push(`route ${r}: load ${load} over capacity ${instance.capacity}`);
  });
  for (const id of byId.keys()) {
    const count = seen.get(id) ?? 0;
    if (count !== 1) violations.push(`customer ${id} visited ${count} times`);
  }
  if (vehicles > instance.vehicles) violations.push(`${vehicles} vehicles used, ${instance.vehicles} available`);
  return { violations, vehicles, distance };
}

/** Checks a field-service plan against its problem: coverage, skills, locks, capacity, times. */
export function checkPlan(problem: RoutingProblem, plan: Plan): string[] {
  const violations: string[] = [];
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const count = new Map<string, number>();
  const mark = (id: string) => count.set(id, (count.get(id) ?? 0) + 1);
  const usedTechs = new Set<string>();
  for (const route of plan.routes) {
    const tech = problem.technicians.find((t) => t.id === route.technicianId);
    if (!tech) {
      violations.push(`unknown technician ${route.technicianId}`);
      continue;
    }
    if (usedTechs.has(tech.id)) violations.push(`technician ${tech.id} has two routes`);
    usedTechs.add(tech.id);
    violations.push(...checkRoute(problem, tech, route.stops, mark));
  }
  for (const u of plan.unassigned) mark(u.id);
  for (const job of problem.jobs) {
    const n = count.get(job.id) ?? 0;
    if (n !== 1) violations.push(`job ${job.id} appears ${n} times`);
  }
  for (const u of plan.unassigned) {
    const job = jobs.get(u.id);
    if (job && problem.technicians.some((t) => t.fixedJobs?.includes(job.id))) violations.push(`fixed job ${job.id} left unassigned`);
  }
  return violations;
}

type Tech = RoutingProblem['technicians'][number];

function checkRoute(problem: RoutingProblem, tech: Tech, stops: Plan['routes'][number]['stops'], mark: (id: string) => void): string[] {
  const v: string[] = [];
  const { matrix } = problem;
  const travel = (a: number, b: number) => matrix.duration[a * matrix.size + b]!;
  const inWindow = (t: number, windows: readonly { start: number; end: number }[] | undefined) =>
    !windows || windows.length === 0 || windows.some((w) => t >= w.start - EPS && t <= w.end + EPS);
  let at = tech.start;
  let clock = tech.shift.start;
  let load = 0;
  const breaksSeen = new Set<string>();
  stops.forEach((stop, i) => {
    if (stop.kind === 'break') {
      const brk = tech.breaks?.find((b) => b.id === stop.id);
      if (!brk) return void v.push(`${tech.id}: unknown break ${stop.id}`);
      breaksSeen.add(brk.id);
      if (stop.start < clock - EPS) v.push(`${tech.id}: break ${brk.id} starts before the technician is free`);
      if (!inWindow(stop.start, brk.windows)) v.push(`${tech.id}: break ${brk.id} at ${stop.start} outside its windows`);
      clock = stop.start + brk.duration;
      return;
    }
    mark(stop.id);
    const job = problem.jobs.find((j) => j.id === stop.id);
    if (!job) return void v.push(`${tech.id}: unknown job ${stop.id}`);
    const fixedAt = tech.fixedJobs?.indexOf(job.id) ?? -1;
    if (fixedAt >= 0 && stops.filter((s) => s.kind === 'job')[fixedAt]?.id !== job.id) v.push(`${tech.id}: fixed job ${job.id} moved`);
    if (job.technicianId !== undefined && job.technicianId !== tech.id) v.push(`job ${job.id} locked to ${job.technicianId}, planned on ${tech.id}`);
    for (const skill of job.skills ?? []) if (!tech.skills?.includes(skill)) v.push(`${tech.id} lacks skill ${skill} for job ${job.id}`);
    const arrival = clock + travel(at, job.location);
    if (stop.start < arrival - EPS) v.push(`${tech.id}: job ${job.id} starts at ${stop.start} before arriving at ${arrival} (stop ${i})`);
    if (!inWindow(stop.start, job.windows)) v.push(`${tech.id}: job ${job.id} starts at ${stop.start} outside its windows`);
    if (job.fixedStart !== undefined && Math.abs(stop.start - job.fixedStart) > EPS) v.push(`job ${job.id} must start at ${job.fixedStart}, starts ${stop.start}`);
    clock = stop.start + job.serviceDuration;
    load += job.demand ?? 0;
    at = job.location;
  });
  if (tech.end !== null) clock += travel(at, tech.end);
  if (clock > tech.shift.end + EPS) v.push(`${tech.id}: shift ends at ${tech.shift.end}, route ends at ${clock}`);
  if (tech.capacity !== undefined && load > tech.capacity + EPS) v.push(`${tech.id}: load ${load} over capacity ${tech.capacity}`);
  for (const brk of tech.breaks ?? []) if (!breaksSeen.has(brk.id)) v.push(`${tech.id}: break ${brk.id} missing`);
  return v;
}
