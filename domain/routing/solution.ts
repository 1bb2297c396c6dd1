/**
 * A solution: one route per technician (empty when unused) and the bank of unassigned
 * nodes. `routeOf` maps each node to its route index, -1 when in the bank.
 */
import type { Model } from './model';
import { Route } from './route';

export interface Solution {
  routes: Route[];
  bank: number[];
  routeOf: Int32Array;
}

/** The hierarchical objective, compared in this order: penalty, vehicles (when counted), cost. */
export interface Cost {
  readonly penalty: number;
  readonly vehicles: number;
  readonly travel: number;
}

export function emptySolution(model: Model): Solution {
  const routes = model.vehicles.map((veh, v) => {
    const route = new Route(v);
    route.nodes = [...veh.fixedJobs];
    route.fixed = veh.fixedJobs.length;
    route.update(model);
    return route;
  });
  const routeOf = new Int32Array(model.nodeCount).fill(-1);
  const bank: number[] = [];
  routes.forEach((route, r) => route.nodes.forEach((n) => (routeOf[n] = r)));
  for (let n = 0; n < model.nodeCount; n++) if (routeOf[n] === -1) bank.push(n);
  return { routes, bank, routeOf };
}

export function cloneSolution(s: Solution): Solution {
  return { routes: s.routes.map((r) => r.clone()), bank: s.bank.slice(), routeOf: s.routeOf.slice() };
}

export function costOf(model: Model, s: Solution): Cost {
  let penalty = 0;
  for (const n of s.bank) penalty += model.penalty[n]!;
  let vehicles = 0;
  let travel = 0;
  for (const r of s.routes) {
    if (r.jobs > 0) vehicles++;
    travel += r.cost;
  }
  return { penalty, vehicles, travel };
}

/** Negative when a is better than b. Penalties are sums of whole priorities, so exact. */
export function compareCost(model: Model, a: Cost, b: Cost): number {
  if (a.penalty !== b.penalty) return a.penalty - b.penalty;
  if (model.minimizeVehicles && a.vehicles !== b.vehicles) return a.vehicles - b.vehicles;
  return a.travel - b.travel;
}

/** Takes nodes out of their routes into the bank, then reschedules the routes touched. */
export function removeNodes(model: Model, s: Solution, nodes: readonly number[]): void {
  const touched = new Set<number>();
  for (const n of nodes) {
    const r = s.routeOf[n]!;
    if (r < 0) continue;
    const route = s.routes[r]!;
    route.nodes.splice(route.nodes.indexOf(n), 1);
    s.routeOf[n] = -1;
    s.bank.push(n);
    touched.add(r);
  }
  for (const r of touched) s.routes[r]!.update(model);
}

/** Every route schedulable and no mandatory node in the bank. */
export function routesFeasible(s: Solution): boolean {
  return s.routes.every((r) => r.feasible);
}
