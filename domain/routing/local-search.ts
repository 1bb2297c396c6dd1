/**
 * Local search that polishes the final solution: relocate (one job to a position next to
 * one of its nearest jobs) and 2-opt* (exchange the tails of two routes after two nearby
 * jobs), first improvement, until neither finds a gain. Moves are restricted to the k nearest
 * jobs (a granular neighbourhood) and checked by rescheduling the routes they touch, so they
 * can never break a constraint; ruin-and-recreate does the exploring, this only intensifies.
 */
import type { Model } from './model';
import { Route } from './route';
import type { Solution } from './solution';

const GRANULARITY = 20;
/**
 * Rescheduling a route is the expensive part of a move check; a polish may do this many,
 * so that it costs tens of milliseconds whatever the instance size (it is a finishing touch).
 */
const MAX_REBUILDS = 2000;
let rebuildsLeft = 0;
/** A gain smaller than this is rounding noise, not an improvement (guards against cycling). */
const MIN_GAIN = 1e-7;

/** Runs passes over every job until one finds no gain or `maxPasses` ran; true if improved. */
export function polish(model: Model, s: Solution, maxPasses: number): boolean {
  let improved = false;
  rebuildsLeft = MAX_REBUILDS;
  for (let pass = 0; pass < maxPasses && rebuildsLeft > 0; pass++) {
    let changed = false;
    for (let u = 0; u < model.jobCount; u++) {
      if (s.routeOf[u]! < 0) continue;
      for (let k = 0; k < Math.min(GRANULARITY, model.neighbours[u]!.length); k++) {
        const v = model.neighbours[u]![k]!;
        if (s.routeOf[v]! < 0) continue;
        if (relocate(model, s, u, v) || twoOptStar(model, s, u, v)) {
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
    improved = true;
  }
  return improved;
}

/** A route with new stops, rescheduled; null if infeasible or a stop may not ride on it. */
function rebuilt(model: Model, vehicle: number, fixed: number, nodes: number[]): Route | null {
  if (rebuildsLeft-- <= 0) return null;
  const V = model.vehicles.length;
  for (const n of nodes) if (model.compatible[n * V + vehicle] !== 1) return null;
  const route = new Route(vehicle);
  route.nodes = nodes;
  route.fixed = fixed;
  route.update(model);
  return route.feasible ? route : null;
}

/** Routes' cost, with the vehicle cost the objective counts (a route emptied is a gain). */
function routeCost(model: Model, route: Route): number {
  return route.cost + (model.minimizeVehicles && route.jobs > 0 ? 1e9 : 0);
}

function commit(s: Solution, routes: Route[], indices: number[]): void {
  routes.forEach((route, k) => {
    const r = indices[k]!;
    s.routes[r] = route;
    for (const n of route.nodes) s.routeOf[n] = r;
  });
}

/** Moves u right after v (or right before it), when that lowers the cost. */
function relocate(model: Model, s: Solution, u: number, v: number): boolean {
  const ru = s.routeOf[u]!;
  const rv = s.routeOf[v]!;
  const from = s.routes[ru]!;
  const iu = from.nodes.indexOf(u);
  if (iu < from.fixed) return false;
  const to = s.routes[rv]!;
  const removal = removalGain(model, from, iu);
  for (const after of [true, false]) {
    if (ru === rv) {
      const iv = from.nodes.indexOf(v);
      const p = after ? iv : iv - 1;
      // Arc arithmetic prices the move unless it touches u's own neighbours; rebuild only then or on a gain.
      if (Math.abs(p - iu) > 1 && arcInsert(model, from, p, u) - removal >= -MIN_GAIN) continue;
      const nodes = from.nodes.filter((n) => n !== u);
      const at = nodes.indexOf(v) + (after ? 1 : 0);
      if (at < from.fixed) continue;
      nodes.splice(at, 0, u);
      const route = rebuilt(model, from.vehicle, from.fixed, nodes);
      if (route && route.cost < from.cost - MIN_GAIN) return commit(s, [route], [ru]), true;
      continue;
    }
    const at = to.nodes.indexOf(v) + (after ? 1 : 0);
    if (at < to.fixed || to.load + model.demand[u]! > model.vehicles[to.vehicle]!.capacity) continue;
    const insertion = to.insertionDelta(model, u, at) + (model.minimizeVehicles && to.jobs === 0 ? 1e9 : 0);
    if (insertion - removal >= -MIN_GAIN) continue;
    const before = routeCost(model, from) + routeCost(model, to);
    const a = rebuilt(model, from.vehicle, from.fixed, from.nodes.filter((n) => n !== u));
    const toNodes = to.nodes.slice();
    toNodes.splice(at, 0, u);
    const b = a && rebuilt(model, to.vehicle, to.fixed, toNodes);
    if (a && b && routeCost(model, a) + routeCost(model, b) < before - MIN_GAIN) return commit(s, [a, b], [ru, rv]), true;
  }
  return false;
}

/** Exchanges the tails after u and after v between their two routes. */
function twoOptStar(model: Model, s: Solution, u: number, v: number): boolean {
  const ru = s.routeOf[u]!;
  const rv = s.routeOf[v]!;
  if (ru === rv) return false;
  const A = s.routes[ru]!;
  const B = s.routes[rv]!;
  const i = A.nodes.indexOf(u);
  const j = B.nodes.indexOf(v);
  if (i < A.fixed - 1 || j < B.fixed - 1) return false;
  // The four arcs at the cut price the exchange; rebuild (and check the windows) only on a gain.
  const cut = (r: Route, k: number) => arc(model, locAt(model, r, k), locAt(model, r, k + 1));
  const joined = arc(model, locAt(model, A, i), locAt(model, B, j + 1)) + arc(model, locAt(model, B, j), locAt(model, A, i + 1));
  if (joined - cut(A, i) - cut(B, j) >= -MIN_GAIN && A.jobs > 1 && B.jobs > 1) return false;
  const before = routeCost(model, A) + routeCost(model, B);
  const a = rebuilt(model, A.vehicle, A.fixed, [...A.nodes.slice(0, i + 1), ...B.nodes.slice(j + 1)]);
  const b = a && rebuilt(model, B.vehicle, B.fixed, [...B.nodes.slice(0, j + 1), ...A.nodes.slice(i + 1)]);
  if (!a || !b) return false;
  if (a.load > model.vehicles[A.vehicle]!.capacity || b.load > model.vehicles[B.vehicle]!.capacity) return false;
  if (routeCost(model, a) + routeCost(model, b) >= before - MIN_GAIN) return false;
  commit(s, [a, b], [ru, rv]);
  return true;
}

/** Location at a route position: -1 is the start, nodes.length the end (-1 if open-ended). */
function locAt(model: Model, route: Route, k: number): number {
  const veh = model.vehicles[route.vehicle]!;
  if (k < 0) return veh.startLoc;
  if (k >= route.nodes.length) return veh.endLoc;
  return route.effLoc[k]!;
}

function arc(model: Model, a: number, b: number): number {
  return a < 0 || b < 0 ? 0 : model.cost[a * model.size + b]!;
}

/** What taking the stop at position i out of its route saves (the whole route if it is the last job). */
function removalGain(model: Model, route: Route, i: number): number {
  if (route.jobs === 1 && route.nodes[i]! < model.jobCount) return routeCost(model, route);
  const p = locAt(model, route, i - 1);
  const u = locAt(model, route, i);
  const q = locAt(model, route, i + 1);
  return arc(model, p, u) + arc(model, u, q) - arc(model, p, q);
}

/** What putting u between positions p and p + 1 of a route adds, by arcs alone. */
function arcInsert(model: Model, route: Route, p: number, u: number): number {
  const a = locAt(model, route, p);
  const b = locAt(model, route, p + 1);
  const l = model.loc[u]!;
  return arc(model, a, l) + arc(model, l, b) - arc(model, a, b);
}
