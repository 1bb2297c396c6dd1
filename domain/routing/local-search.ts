/**
 * Local search that polishes each new best solution: relocate (one job to a position next to
 * one of its nearest jobs) and 2-opt* (exchange the tails of two routes after two nearby
 * jobs), first improvement, until neither finds a gain. Moves are restricted to the k nearest
 * jobs (a granular neighbourhood) and checked by rescheduling the routes they touch, so they
 * can never break a constraint; ruin-and-recreate does the exploring, this only intensifies.
 */
import type { Model } from './model';
import { Route } from './route';
import type { Solution } from './solution';

const GRANULARITY = 20;
/** A gain smaller than this is rounding noise, not an improvement (guards against cycling). */
const MIN_GAIN = 1e-7;

export function polish(model: Model, s: Solution): boolean {
  let improved = false;
  for (let pass = 0; pass < 50; pass++) {
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
  for (const after of [true, false]) {
    if (ru === rv) {
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
    const before = routeCost(model, from) + routeCost(model, to);
    if (to.insertionDelta(model, u, at) === Infinity) continue;
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
  const before = routeCost(model, A) + routeCost(model, B);
  const a = rebuilt(model, A.vehicle, A.fixed, [...A.nodes.slice(0, i + 1), ...B.nodes.slice(j + 1)]);
  const b = a && rebuilt(model, B.vehicle, B.fixed, [...B.nodes.slice(0, j + 1), ...A.nodes.slice(i + 1)]);
  if (!a || !b) return false;
  if (a.load > model.vehicles[A.vehicle]!.capacity || b.load > model.vehicles[B.vehicle]!.capacity) return false;
  if (routeCost(model, a) + routeCost(model, b) >= before - MIN_GAIN) return false;
  commit(s, [a, b], [ru, rv]);
  return true;
}
