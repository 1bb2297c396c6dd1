/**
 * A member of the genetic search's population: routes (one array per vehicle), their giant
 * tour (routes concatenated, what crossover works on), the violations that make it
 * infeasible, and each customer's neighbours in it, from which the broken-pairs distance
 * between two individuals is counted.
 */
import type { FleetInstance } from './fleet-instance';
import { routeSegment, type Penalties } from './segments';

export interface Individual {
  readonly routes: readonly (readonly number[])[];
  readonly tour: readonly number[];
  readonly cost: number;
  readonly excessLoad: number;
  readonly timeWarp: number;
  readonly feasible: boolean;
  /** Customer → next and previous stop; the depot is n. */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
}

/** Violations smaller than this are rounding, not infeasibility. */
const TOLERANCE = 1e-9;

export function makeIndividual(inst: FleetInstance, routes: readonly (readonly number[])[]): Individual {
  let cost = 0;
  let excessLoad = 0;
  let timeWarp = 0;
  const succ = new Int32Array(inst.n);
  const pred = new Int32Array(inst.n);
  for (const stops of routes) {
    if (stops.length === 0) continue;
    const s = routeSegment(inst, stops);
    cost += s.cost;
    excessLoad += Math.max(0, s.load - inst.capacity);
    timeWarp += s.timeWarp;
    stops.forEach((c, k) => {
      pred[c] = k === 0 ? inst.n : stops[k - 1]!;
      succ[c] = k === stops.length - 1 ? inst.n : stops[k + 1]!;
    });
  }
  const feasible = excessLoad <= TOLERANCE && timeWarp <= TOLERANCE;
  return { routes, tour: routes.flat(), cost, excessLoad, timeWarp, feasible, succ, pred };
}

export function penalisedCostOf(ind: Individual, p: Penalties): number {
  return ind.cost + p.capacity * ind.excessLoad + p.timeWarp * ind.timeWarp;
}

/**
 * Broken-pairs distance (Prins 2009, as in HGS): the share of customers whose successor in a
 * is neither their successor nor their predecessor in b (a route read backwards is the same
 * route), counting also routes that start at a different customer.
 */
export function brokenPairs(a: Individual, b: Individual, n: number): number {
  let broken = 0;
  for (let c = 0; c < n; c++) {
    if (a.succ[c] !== b.succ[c] && a.succ[c] !== b.pred[c]) broken++;
    if (a.pred[c] === n && b.pred[c] !== n && b.succ[c] !== n) broken++;
  }
  return broken / n;
}
