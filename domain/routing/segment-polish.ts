/**
 * A finishing local search for plain VRPTWs: the genetic search's granular local search
 * (relocate, swap, 2-opt*, 2-opt, priced in O(1) by time-window segments) run on one
 * feasible solution with penalties so high that only feasible moves can gain. It reaches
 * neighbourhoods the rebuild-based polish cannot afford (2-2 swaps, reversed pairs).
 */
import type { FleetInstance } from './fleet-instance';
import { makeIndividual } from './individual';
import type { Model } from './model';
import { PenalisedLocalSearch, relatedNeighbours } from './penalised-local-search';
import type { Rng } from './rng';
import { costOf, compareCost, emptySolution, type Solution } from './solution';

const FEASIBLE_ONLY = { capacity: 1e9, timeWarp: 1e9 };
const GRANULARITY = 40;

/** The polished solution when it is feasible and better, else null. */
export function segmentPolish(model: Model, inst: FleetInstance, s: Solution, rng: Rng): Solution | null {
  if (s.bank.length > 0) return null;
  const slots = s.routes.map((r) => r.nodes.slice());
  const ls = new PenalisedLocalSearch(inst, relatedNeighbours(inst, GRANULARITY), rng);
  const polished = makeIndividual(inst, ls.run(slots, FEASIBLE_ONLY));
  if (!polished.feasible) return null;
  const result = emptySolution(model);
  polished.routes.forEach((stops, r) => {
    const route = result.routes[r]!;
    route.nodes = stops.slice();
    route.update(model);
    for (const c of stops) result.routeOf[c] = r;
  });
  result.bank = [];
  if (!result.routes.every((r) => r.feasible)) return null;
  return compareCost(model, costOf(model, result), costOf(model, s)) < 0 ? result : null;
}
