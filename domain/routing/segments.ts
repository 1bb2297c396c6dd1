/**
 * Time-window segments (Vidal et al. 2013, "A hybrid genetic algorithm with adaptive diversity
 * management for a large class of vehicle routing problems with time-windows"): what a run of
 * consecutive stops needs to be joined to another in O(1) — its duration, the time warp it
 * cannot avoid (lateness "paid back" by travelling back in time), and the window in which its
 * first service may start for that minimum. Joining two segments gives the segment of the
 * whole, so a move is priced by joining the untouched prefix, the moved stops and the
 * untouched suffix, whatever the route's length.
 */
import type { FleetInstance } from './fleet-instance';

export interface Segment {
  readonly first: number;
  readonly last: number;
  /** Travel, service and waiting from the first service start to the last service end. */
  readonly duration: number;
  readonly timeWarp: number;
  /** Earliest and latest first service start that achieve that duration and time warp. */
  readonly earliest: number;
  readonly latest: number;
  readonly load: number;
  /** Travel cost inside the segment. */
  readonly cost: number;
}

/** One stop: the depot (index n) opens at the shift start and closes at its end. */
export function nodeSegment(inst: FleetInstance, i: number): Segment {
  return { first: i, last: i, duration: inst.service[i]!, timeWarp: 0, earliest: inst.early[i]!, latest: inst.late[i]!, load: inst.demand[i]!, cost: 0 };
}

/** The segment of a followed by b. Associative, so any grouping gives the same result. */
export function join(inst: FleetInstance, a: Segment, b: Segment): Segment {
  const arc = a.last * (inst.n + 1) + b.first;
  const travel = inst.time[arc]!;
  // Time from a's first service start to arriving at b, net of the time warp already in a.
  const delta = a.duration - a.timeWarp + travel;
  const wait = Math.max(b.earliest - delta - a.latest, 0);
  const warp = Math.max(a.earliest + delta - b.latest, 0);
  return {
    first: a.first,
    last: b.last,
    duration: a.duration + b.duration + travel + wait,
    timeWarp: a.timeWarp + b.timeWarp + warp,
    earliest: Math.max(b.earliest - delta, a.earliest) - wait,
    latest: Math.min(b.latest - delta, a.latest) + warp,
    load: a.load + b.load,
    cost: a.cost + b.cost + inst.cost[arc]!,
  };
}

/** Weights of the two violations the genetic search tolerates while it explores. */
export interface Penalties {
  capacity: number;
  timeWarp: number;
}

/** Travel cost plus the weighted excess load and time warp of a whole route segment. */
export function penalisedCost(inst: FleetInstance, s: Segment, p: Penalties): number {
  return s.cost + p.capacity * Math.max(0, s.load - inst.capacity) + p.timeWarp * s.timeWarp;
}

/** The route depot → stops → depot as one segment (an empty route costs nothing). */
export function routeSegment(inst: FleetInstance, stops: readonly number[]): Segment {
  let s = nodeSegment(inst, inst.n);
  for (const i of stops) s = join(inst, s, nodeSegment(inst, i));
  return join(inst, s, nodeSegment(inst, inst.n));
}
