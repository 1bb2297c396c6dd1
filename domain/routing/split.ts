/**
 * Split (Prins 2004): cut a giant tour — every customer once, no depots — into at most
 * `maxRoutes` consecutive routes of least total penalised cost, by shortest path over the
 * tour's cut points (layer k = k routes used). Routes carrying more than 1.5 × capacity are
 * not considered (as in HGS: the capacity penalty makes them losers) unless no split
 * without them exists within the fleet.
 */
import type { FleetInstance } from './fleet-instance';
import { join, nodeSegment, penalisedCost, type Penalties } from './segments';

export function split(inst: FleetInstance, tour: readonly number[], maxRoutes: number, p: Penalties): number[][] {
  if (tour.length === 0) return [];
  return cheapestSplit(inst, tour, maxRoutes, p, 1.5 * inst.capacity) ?? cheapestSplit(inst, tour, maxRoutes, p, Infinity)!;
}

function cheapestSplit(inst: FleetInstance, tour: readonly number[], maxRoutes: number, p: Penalties, loadLimit: number): number[][] | null {
  const n = tour.length;
  const layers = Math.max(1, Math.min(maxRoutes, n));
  // best[k][j]: cheapest way to serve tour[0..j) with k routes; from[k][j]: where the last one starts.
  const best = Array.from({ length: layers + 1 }, () => new Float64Array(n + 1).fill(Infinity));
  const from = Array.from({ length: layers + 1 }, () => new Int32Array(n + 1).fill(-1));
  best[0]![0] = 0;
  const depot = nodeSegment(inst, inst.n);
  for (let k = 0; k < layers; k++) {
    const here = best[k]!;
    const next = best[k + 1]!;
    for (let i = k; i < n; i++) {
      if (here[i] === Infinity) continue;
      let s = depot;
      for (let j = i; j < n; j++) {
        s = join(inst, s, nodeSegment(inst, tour[j]!));
        if (s.load > loadLimit && j > i) break;
        const total = here[i]! + penalisedCost(inst, join(inst, s, depot), p);
        if (total < next[j + 1]!) {
          next[j + 1] = total;
          from[k + 1]![j + 1] = i;
        }
      }
    }
  }
  let k = 1;
  for (let c = 1; c <= layers; c++) if (best[c]![n]! < best[k]![n]!) k = c;
  if (best[k]![n] === Infinity) return null;
  const routes: number[][] = [];
  for (let j = n; k > 0; k--) {
    const i = from[k]![j]!;
    routes.unshift(tour.slice(i, j));
    j = i;
  }
  return routes;
}
