/**
 * The compiled model seen as a classic VRPTW, when it is one: one depot, interchangeable
 * vehicles (same start, end, shift, capacity and skills), every node a job with a single
 * window, no breaks, fixed or locked jobs. The hybrid genetic search works on this flat form
 * (customers 0…n-1 are the model's jobs, n is the depot); everything else keeps the
 * ruin-and-recreate search, which handles the field-service extras.
 */
import { MANDATORY_PENALTY, type Model } from './model';

export interface FleetInstance {
  /** Customers; index n is the depot. */
  readonly n: number;
  /** Row-major (n + 1)², the model's travel cost (what is minimised). */
  readonly cost: Float64Array;
  /** Row-major (n + 1)², travel time (what the windows are checked against). */
  readonly time: Float64Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly service: Float64Array;
  readonly demand: Float64Array;
  readonly capacity: number;
  /** How many vehicles there are. */
  readonly vehicles: number;
}

export function fleetInstance(model: Model): FleetInstance | null {
  const { jobCount: n, vehicles } = model;
  if (n < 1 || model.nodeCount !== n || vehicles.length === 0) return null;
  const first = vehicles[0]!;
  if (first.endLoc !== first.startLoc) return null;
  for (const veh of vehicles) {
    if (veh.group !== first.group || veh.breaks.length > 0 || veh.fixedJobs.length > 0) return null;
  }
  for (let j = 0; j < n; j++) {
    if (model.windows[j]!.length !== 2 || model.ownerVehicle[j] !== -1 || model.penalty[j]! < MANDATORY_PENALTY) return null;
    for (let v = 0; v < vehicles.length; v++) if (model.compatible[j * vehicles.length + v] !== 1) return null;
  }
  const N = n + 1;
  const locOf = (i: number) => (i === n ? first.startLoc : model.loc[i]!);
  const cost = new Float64Array(N * N);
  const time = new Float64Array(N * N);
  for (let a = 0; a < N; a++) {
    const row = locOf(a) * model.size;
    for (let b = 0; b < N; b++) {
      cost[a * N + b] = model.cost[row + locOf(b)]!;
      time[a * N + b] = model.time[row + locOf(b)]!;
    }
  }
  const early = new Float64Array(N);
  const late = new Float64Array(N);
  const service = new Float64Array(N);
  const demand = new Float64Array(N);
  for (let j = 0; j < n; j++) {
    early[j] = model.windows[j]![0]!;
    late[j] = model.windows[j]![1]!;
    service[j] = model.service[j]!;
    demand[j] = model.demand[j]!;
  }
  early[n] = first.shiftStart;
  late[n] = first.shiftEnd;
  return { n, cost, time, early, late, service, demand, capacity: first.capacity, vehicles: vehicles.length };
}
