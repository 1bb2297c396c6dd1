/**
 * The problem compiled into flat arrays for the search. Nodes [0, jobCount) are jobs, the
 * rest are technicians' breaks. A break has no location of its own (loc = -1): it is taken
 * where the technician is, so its effective location is the previous stop's.
 */
import type { RoutingProblem, TimeWindow } from './problem';

export interface VehicleModel {
  readonly id: string;
  readonly startLoc: number;
  /** -1 when the shift ends at the last stop. */
  readonly endLoc: number;
  readonly shiftStart: number;
  readonly shiftEnd: number;
  readonly capacity: number;
  /** Vehicles with the same group are interchangeable: the search tries one empty one. */
  readonly group: number;
  readonly breaks: readonly number[];
  readonly fixedJobs: readonly number[];
}

export interface Model {
  readonly jobCount: number;
  readonly nodeCount: number;
  readonly ids: readonly string[];
  readonly loc: Int32Array;
  readonly service: Float64Array;
  readonly windows: readonly Float64Array[];
  readonly demand: Float64Array;
  /** What leaving the node unassigned costs (mandatory jobs cost far more than any optional). */
  readonly penalty: Float64Array;
  /** compatible[node * vehicleCount + v] = 1 when vehicle v may serve node. */
  readonly compatible: Uint8Array;
  /** Node → the only vehicle it may use, or -1 (breaks and locked jobs). */
  readonly ownerVehicle: Int32Array;
  readonly vehicles: readonly VehicleModel[];
  readonly size: number;
  /** What the search minimises: the matrix's durations or distances (Objective.travelCost). */
  readonly cost: Float64Array;
  readonly time: Float64Array;
  readonly distance: Float64Array;
  readonly minimizeVehicles: boolean;
  /** For each job, the other jobs nearest to it (by travel cost), nearest first. */
  readonly neighbours: readonly Int32Array[];
  readonly jobIndex: ReadonlyMap<string, number>;
}

/** Mandatory jobs outweigh any number of optional ones; both outweigh any travel saving. */
export const MANDATORY_PENALTY = 1e6;

const NEIGHBOUR_COUNT = 100;

export function compileModel(problem: RoutingProblem): Model {
  const { jobs, technicians, matrix } = problem;
  const breakCount = technicians.reduce((n, t) => n + (t.breaks?.length ?? 0), 0);
  const jobCount = jobs.length;
  const nodeCount = jobCount + breakCount;
  const V = technicians.length;
  const ids: string[] = [];
  const loc = new Int32Array(nodeCount).fill(-1);
  const service = new Float64Array(nodeCount);
  const windows: Float64Array[] = [];
  const demand = new Float64Array(nodeCount);
  const penalty = new Float64Array(nodeCount);
  const compatible = new Uint8Array(nodeCount * V);
  const ownerVehicle = new Int32Array(nodeCount).fill(-1);
  const jobIndex = new Map<string, number>();
  const techIndex = new Map(technicians.map((t, v) => [t.id, v]));

  jobs.forEach((job, n) => {
    if (jobIndex.has(job.id)) throw new Error(`duplicate job id ${job.id}`);
    if (job.location < 0 || job.location >= matrix.size) throw new Error(`job ${job.id}: location ${job.location} is outside the matrix`);
    jobIndex.set(job.id, n);
    ids.push(job.id);
    loc[n] = job.location;
    service[n] = job.serviceDuration;
    windows.push(flatWindows(job.fixedStart !== undefined ? [{ start: job.fixedStart, end: job.fixedStart }] : job.windows));
    demand[n] = job.demand ?? 0;
    const priority = job.priority ?? 1;
    penalty[n] = job.optional ? priority : MANDATORY_PENALTY * Math.max(1, priority);
    const owner = job.technicianId === undefined ? -1 : techIndex.get(job.technicianId);
    if (owner === undefined) throw new Error(`job ${job.id}: unknown technician ${job.technicianId}`);
    ownerVehicle[n] = owner;
    technicians.forEach((tech, v) => {
      const skilled = (job.skills ?? []).every((s) => tech.skills?.includes(s));
      compatible[n * V + v] = skilled && (owner === -1 || owner === v) ? 1 : 0;
    });
  });

  // A missed break outweighs every job together: no amount of extra work justifies skipping lunch.
  const breakPenalty = MANDATORY_PENALTY + penalty.reduce((sum, p) => sum + p, 0);
  const vehicles: VehicleModel[] = [];
  const groups = new Map<string, number>();
  let node = jobCount;
  technicians.forEach((tech, v) => {
    const breaks: number[] = [];
    for (const brk of tech.breaks ?? []) {
      ids.push(brk.id);
      service[node] = brk.duration;
      windows.push(flatWindows(brk.windows));
      penalty[node] = breakPenalty;
      ownerVehicle[node] = v;
      compatible[node * V + v] = 1;
      breaks.push(node++);
    }
    const fixedJobs = (tech.fixedJobs ?? []).map((id) => {
      const n = jobIndex.get(id);
      if (n === undefined) throw new Error(`technician ${tech.id}: unknown fixed job ${id}`);
      return n;
    });
    const signature = JSON.stringify([tech.start, tech.end, tech.shift, tech.capacity, [...(tech.skills ?? [])].sort()]);
    // Technicians with breaks or fixed jobs are never interchangeable.
    const key = breaks.length || fixedJobs.length ? `unique:${v}` : signature;
    if (!groups.has(key)) groups.set(key, groups.size);
    vehicles.push({
      id: tech.id,
      startLoc: tech.start,
      endLoc: tech.end ?? -1,
      shiftStart: tech.shift.start,
      shiftEnd: tech.shift.end,
      capacity: tech.capacity ?? Infinity,
      group: groups.get(key)!,
      breaks,
      fixedJobs,
    });
  });

  const cost = problem.objective?.travelCost === 'distance' ? matrix.distance : matrix.duration;
  return {
    jobCount, nodeCount, ids, loc, service, windows, demand, penalty, compatible, ownerVehicle, vehicles,
    size: matrix.size, cost, time: matrix.duration, distance: matrix.distance,
    minimizeVehicles: problem.objective?.minimizeVehicles ?? false,
    neighbours: nearestNeighbours(jobCount, loc, cost, matrix.size),
    jobIndex,
  };
}

function flatWindows(list: readonly TimeWindow[] | undefined): Float64Array {
  if (!list || list.length === 0) return new Float64Array([-Infinity, Infinity]);
  const sorted = [...list].sort((a, b) => a.start - b.start);
  return new Float64Array(sorted.flatMap((w) => [w.start, w.end]));
}

function nearestNeighbours(jobCount: number, loc: Int32Array, cost: Float64Array, size: number): Int32Array[] {
  const k = Math.min(NEIGHBOUR_COUNT, jobCount - 1);
  const result: Int32Array[] = [];
  const order = Array.from({ length: jobCount }, (_, i) => i);
  for (let i = 0; i < jobCount; i++) {
    const row = loc[i]! * size;
    const byCost = order.filter((j) => j !== i).sort((a, b) => cost[row + loc[a]!]! - cost[row + loc[b]!]! || a - b);
    result.push(Int32Array.from(byCost.slice(0, Math.max(0, k))));
  }
  return result;
}
