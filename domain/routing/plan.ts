/**
 * A solution in the caller's terms: each technician's stops with times, and each unassigned
 * job with the reason it could not be placed.
 */
import type { Model } from './model';
import { Route } from './route';
import type { Search } from './search';
import type { Solution } from './solution';
import { earliestStart } from './windows';

export interface PlannedStop {
  readonly id: string;
  readonly kind: 'job' | 'break';
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
}

export interface PlannedRoute {
  readonly technicianId: string;
  readonly stops: readonly PlannedStop[];
  /** Travel distance and travel time of the whole route, from the matrix. */
  readonly travelDistance: number;
  readonly travelTime: number;
  /** When the technician is back at the end location (or leaves the last stop). */
  readonly end: number;
}

export type UnassignedReason =
  | 'no-qualified-technician'
  | 'outside-shifts-or-windows'
  | 'over-capacity'
  | 'no-room-in-schedule';

export interface Plan {
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly { readonly id: string; readonly reason: UnassignedReason }[];
  /** Jobs assigned, technicians used, total travel distance and time. */
  readonly summary: { readonly assigned: number; readonly technicians: number; readonly travelDistance: number; readonly travelTime: number };
}

/** The best plan a search has found so far. */
export function planOf(search: Search): Plan {
  return toPlan(search.model, search.best());
}

export function toPlan(model: Model, s: Solution): Plan {
  const routes = s.routes.filter((r) => r.jobs > 0).map((r) => plannedRoute(model, r));
  const unassigned = s.bank
    .filter((n) => n < model.jobCount)
    .sort((a, b) => a - b)
    .map((n) => ({ id: model.ids[n]!, reason: unassignedReason(model, n) }));
  return {
    routes,
    unassigned,
    summary: {
      assigned: routes.reduce((sum, r) => sum + r.stops.filter((stop) => stop.kind === 'job').length, 0),
      technicians: routes.length,
      travelDistance: routes.reduce((sum, r) => sum + r.travelDistance, 0),
      travelTime: routes.reduce((sum, r) => sum + r.travelTime, 0),
    },
  };
}

function plannedRoute(model: Model, route: Route): PlannedRoute {
  const veh = model.vehicles[route.vehicle]!;
  const { size, time, distance, service, windows } = model;
  const stops: PlannedStop[] = [];
  let at = veh.startLoc;
  let t = veh.shiftStart;
  let travelTime = 0;
  let travelDistance = 0;
  route.nodes.forEach((n, i) => {
    const l = route.effLoc[i]!;
    const arrival = t + time[at * size + l]!;
    travelTime += time[at * size + l]!;
    travelDistance += distance[at * size + l]!;
    const start = earliestStart(windows[n]!, arrival);
    t = start + service[n]!;
    stops.push({ id: model.ids[n]!, kind: n < model.jobCount ? 'job' : 'break', arrival, start, end: t });
    at = l;
  });
  if (veh.endLoc >= 0) {
    travelTime += time[at * size + veh.endLoc]!;
    travelDistance += distance[at * size + veh.endLoc]!;
    t += time[at * size + veh.endLoc]!;
  }
  return { technicianId: veh.id, stops, travelDistance, travelTime, end: t };
}

/** Why a job is out: tried alone on each qualified technician's (otherwise empty) day. */
function unassignedReason(model: Model, n: number): UnassignedReason {
  const V = model.vehicles.length;
  const qualified = model.vehicles.map((_, v) => v).filter((v) => model.compatible[n * V + v] === 1);
  if (qualified.length === 0) return 'no-qualified-technician';
  const fits = qualified.filter((v) => model.demand[n]! <= model.vehicles[v]!.capacity);
  if (fits.length === 0) return 'over-capacity';
  const alone = fits.some((v) => {
    const route = new Route(v);
    route.nodes = [...model.vehicles[v]!.fixedJobs, ...model.vehicles[v]!.breaks];
    route.fixed = model.vehicles[v]!.fixedJobs.length;
    route.update(model);
    for (let pos = route.fixed; pos <= route.nodes.length; pos++) if (route.insertionDelta(model, n, pos) < Infinity) return true;
    return false;
  });
  return alone ? 'no-room-in-schedule' : 'outside-shifts-or-windows';
}
