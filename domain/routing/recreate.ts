/**
 * Greedy insertion with blinks (SISR's recreate): nodes are inserted one by one, each at its
 * cheapest feasible position, skipping each position with a small probability so that
 * repeated runs explore different choices. Also the construction heuristic, from empty.
 */
import type { Model } from './model';
import type { Rng } from './rng';
import { shuffle } from './rng';
import type { Route } from './route';
import type { Solution } from './solution';

export interface RecreateOptions {
  /** Probability of skipping a candidate position. */
  readonly blinkRate: number;
  /** How many technicians may have work: an unused one is given work only below this. */
  readonly maxRoutes: number;
  /** Try routes near the node first (faster); off, every route is tried for every node. */
  readonly granular?: boolean;
}

/** Opening a route costs more than any detour when vehicles are counted first. */
const NEW_ROUTE_COST = 1e12;

export function recreate(model: Model, s: Solution, rng: Rng, options: RecreateOptions): void {
  const pending = orderForInsertion(model, s.bank, rng);
  s.bank = [];
  let used = s.routes.reduce((n, r) => n + (r.jobs > 0 ? 1 : 0), 0);
  for (const node of pending) {
    const r = insertCheapest(model, s, node, rng, options, used < options.maxRoutes);
    if (r < 0) s.bank.push(node);
    else if (s.routes[r]!.jobs === 1 && node < model.jobCount) used++;
  }
}

/**
 * Granular insertion: routes passing near the node (holding one of its nearest jobs) are
 * tried first, the others only when none of those can take it. Far routes rarely hold the
 * cheapest position, and skipping them is what keeps 1,000-job days fast.
 */
const NEAR_JOBS = 30;

interface Best {
  delta: number;
  route: number;
  pos: number;
}

/** Inserts `node` at its cheapest feasible position; returns the route index, or -1. */
function insertCheapest(model: Model, s: Solution, node: number, rng: Rng, options: RecreateOptions, allowNewRoutes: boolean): number {
  const best: Best = { delta: Infinity, route: -1, pos: -1 };
  const near = options.granular === false ? null : nearRoutes(model, s, node);
  const blinkRate = options.blinkRate;
  const triedGroups = new Set<number>();
  for (const pass of [true, false]) {
    for (let r = 0; r < s.routes.length; r++) {
      const route = s.routes[r]!;
      const opening = route.jobs === 0 && node < model.jobCount;
      if (near !== null && (near[r] === 1 || opening) !== pass) continue;
      if (opening) {
        const group = model.vehicles[route.vehicle]!.group;
        if (!allowNewRoutes || triedGroups.has(group)) continue;
        triedGroups.add(group);
      }
      scanRoute(model, route, r, node, rng, blinkRate, opening && model.minimizeVehicles ? NEW_ROUTE_COST : 0, best);
    }
    if (best.route >= 0 || near === null) break;
  }
  if (best.route < 0) return -1;
  s.routes[best.route]!.insert(model, node, best.pos);
  s.routeOf[node] = best.route;
  return best.route;
}

/** Marks the routes holding one of the node's nearest jobs; null = try every route. */
function nearRoutes(model: Model, s: Solution, node: number): Uint8Array | null {
  if (node >= model.jobCount || s.routes.length <= 4) return null;
  const near = new Uint8Array(s.routes.length);
  const neighbours = model.neighbours[node]!;
  const k = Math.min(NEAR_JOBS, neighbours.length);
  for (let i = 0; i < k; i++) {
    const r = s.routeOf[neighbours[i]!]!;
    if (r >= 0) near[r] = 1;
  }
  return near;
}

function scanRoute(model: Model, route: Route, r: number, node: number, rng: Rng, blinkRate: number, extra: number, best: Best): void {
  if (model.compatible[node * model.vehicles.length + route.vehicle] !== 1) return;
  if (route.load + model.demand[node]! > model.vehicles[route.vehicle]!.capacity) return;
  const windows = model.windows[node]!;
  const lastEnd = windows[windows.length - 1]!;
  const firstFinish = windows[0]! + model.service[node]!;
  const len = route.nodes.length;
  for (let pos = firstCandidate(model, route, firstFinish); pos <= len; pos++) {
    // Departures only grow along a route: past the node's last window nothing fits.
    if (pos > 0 && route.depart[pos - 1]! > lastEnd) break;
    const delta = route.insertionDelta(model, node, pos) + extra;
    // A blink skips the position; drawing only for would-be winners has the same effect.
    if (delta < best.delta && !(blinkRate > 0 && rng.next() < blinkRate)) {
      best.delta = delta;
      best.route = r;
      best.pos = pos;
    }
  }
}

/**
 * Latest starts only grow along a route, so every position before the first stop whose latest
 * start is at least the node's earliest finish would push that stop too late: binary search.
 * Breaks just before it stay candidates (inserting before a break moves where it is taken).
 */
function firstCandidate(model: Model, route: Route, firstFinish: number): number {
  let lo = route.fixed;
  let hi = route.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (route.latest[mid]! < firstFinish) lo = mid + 1;
    else hi = mid;
  }
  while (lo > route.fixed && model.loc[route.nodes[lo - 1]!]! < 0) lo--;
  return lo;
}

type Order = (model: Model, nodes: number[], rng: Rng) => number[];

const byKey = (key: (model: Model, n: number) => number): Order => (model, nodes, rng) => {
  // Shuffle first so that ties fall differently each time.
  const keyed = shuffle(rng, nodes).map((n) => [key(model, n), n] as const);
  return keyed.sort((a, b) => a[0] - b[0]).map(([, n]) => n);
};

const distanceFromStart = (model: Model, n: number) => {
  const start = model.vehicles[0]?.startLoc ?? 0;
  return model.loc[n]! < 0 ? 0 : model.cost[start * model.size + model.loc[n]!]!;
};

/** SISR's orders (random, demand, far, close) plus earliest deadline, with its weights. */
const ORDERS: readonly (readonly [number, Order])[] = [
  [4, (_model, nodes, rng) => shuffle(rng, nodes)],
  [4, byKey((model, n) => -model.demand[n]!)],
  [2, byKey((model, n) => -distanceFromStart(model, n))],
  [1, byKey(distanceFromStart)],
  [2, byKey((model, n) => model.windows[n]![model.windows[n]!.length - 1]!)],
];
const ORDER_WEIGHT = ORDERS.reduce((sum, [w]) => sum + w, 0);

/** Breaks and higher penalties first (they matter more), then one of the orders above. */
function orderForInsertion(model: Model, nodes: number[], rng: Rng): number[] {
  let pick = rng.next() * ORDER_WEIGHT;
  let order = ORDERS[0]![1];
  for (const [weight, candidate] of ORDERS) {
    if (pick < weight) {
      order = candidate;
      break;
    }
    pick -= weight;
  }
  const ordered = order(model, nodes.slice(), rng);
  const rank = (n: number) => (n >= model.jobCount ? Number.MAX_VALUE : model.penalty[n]!);
  // Stable sort keeps the chosen order within equal rank.
  return ordered.sort((a, b) => rank(b) - rank(a));
}
