/**
 * The starting solution: the warm-start routes when given (kept in order as far as they stay
 * feasible), then greedy cheapest insertion of everything else. Alone, it is the baseline the
 * benchmark compares the metaheuristic against.
 */
import type { Model } from './model';
import type { InitialRoute } from './problem';
import { recreate } from './recreate';
import type { Rng } from './rng';
import { emptySolution, type Solution } from './solution';

export function construct(model: Model, rng: Rng, initialRoutes: readonly InitialRoute[] = []): Solution {
  const s = emptySolution(model);
  const vehicleIndex = new Map(model.vehicles.map((veh, v) => [veh.id, v]));
  for (const initial of initialRoutes) {
    const v = vehicleIndex.get(initial.technicianId);
    if (v === undefined) continue;
    for (const id of initial.jobIds) appendIfFeasible(model, s, v, model.jobIndex.get(id));
  }
  // Breaks first, into their own routes, so that jobs are placed around them.
  const breaks = s.bank.filter((n) => n >= model.jobCount);
  const jobs = s.bank.filter((n) => n < model.jobCount);
  s.bank = breaks;
  recreate(model, s, rng, { blinkRate: 0, maxRoutes: Infinity });
  s.bank.push(...jobs);
  recreate(model, s, rng, { blinkRate: 0, maxRoutes: Infinity });
  return s;
}

function appendIfFeasible(model: Model, s: Solution, v: number, node: number | undefined): void {
  if (node === undefined || s.routeOf[node] !== -1) return;
  const route = s.routes[v]!;
  if (model.compatible[node * model.vehicles.length + v] !== 1) return;
  if (route.load + model.demand[node]! > model.vehicles[v]!.capacity) return;
  if (route.insertionDelta(model, node, route.nodes.length) === Infinity) return;
  route.insert(model, node, route.nodes.length);
  s.routeOf[node] = v;
  s.bank.splice(s.bank.indexOf(node), 1);
}
