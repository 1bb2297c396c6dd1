import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderCrossover } from '../../domain/routing/crossover';
import type { FleetInstance } from '../../domain/routing/fleet-instance';
import { makeIndividual } from '../../domain/routing/individual';
import { PenalisedLocalSearch, relatedNeighbours } from '../../domain/routing/penalised-local-search';
import { createRng, shuffle, type Rng } from '../../domain/routing/rng';
import { join, nodeSegment, penalisedCost, routeSegment, type Segment } from '../../domain/routing/segments';
import { split } from '../../domain/routing/split';

/** A random VRPTW on a 100 × 100 plane, depot in the middle; travel time = distance. */
function randomInstance(rng: Rng, n: number, capacity = 30): FleetInstance {
  const xs = [...Array.from({ length: n }, () => rng.next() * 100), 50];
  const ys = [...Array.from({ length: n }, () => rng.next() * 100), 50];
  const N = n + 1;
  const cost = new Float64Array(N * N);
  for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) cost[a * N + b] = Math.hypot(xs[a]! - xs[b]!, ys[a]! - ys[b]!);
  const early = new Float64Array(N);
  const late = new Float64Array(N);
  const service = new Float64Array(N);
  const demand = new Float64Array(N);
  for (let c = 0; c < n; c++) {
    early[c] = rng.int(300);
    late[c] = early[c]! + 20 + rng.int(100);
    service[c] = 5 + rng.int(10);
    demand[c] = 1 + rng.int(10);
  }
  late[n] = 600;
  return { n, cost, time: cost, early, late, service, demand, capacity, vehicles: n };
}

/** Drives the route stop by stop: wait when early, travel back in time to the window's end when late. */
function simulate(inst: FleetInstance, stops: readonly number[]): { timeWarp: number; cost: number; load: number } {
  const N = inst.n + 1;
  let at = inst.n;
  let t = inst.early[inst.n]!;
  let timeWarp = 0;
  let cost = 0;
  let load = 0;
  for (const c of [...stops, inst.n]) {
    cost += inst.cost[at * N + c]!;
    let start = Math.max(t + inst.time[at * N + c]!, inst.early[c]!);
    if (start > inst.late[c]!) {
      timeWarp += start - inst.late[c]!;
      start = inst.late[c]!;
    }
    t = start + inst.service[c]!;
    load += inst.demand[c]!;
    at = c;
  }
  return { timeWarp, cost, load };
}

/** Joins the segments in a random bracketing (join is associative, so any must do). */
function joinRandomly(inst: FleetInstance, parts: Segment[], rng: Rng): Segment {
  const list = parts.slice();
  while (list.length > 1) {
    const k = rng.int(list.length - 1);
    list.splice(k, 2, join(inst, list[k]!, list[k + 1]!));
  }
  return list[0]!;
}

/** A fast-check property of random instances: `check` gets a fresh rng for each seed tried, and a value of `arbitrary`. */
function forSeeds<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, check: (rng: Rng, value: T) => void): void {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), arbitrary, (seed, value) => check(createRng(seed), value)), { numRuns });
}

describe('time-window segments', () => {
  it('give the time warp, cost and load of driving the route, however they are joined', () => {
    forSeeds(fc.integer({ min: 1, max: 12 }), 200, (rng, length) => {
      const inst = randomInstance(rng, 15);
      const stops = shuffle(rng, Array.from({ length: inst.n }, (_, c) => c)).slice(0, length);
      const direct = simulate(inst, stops);
      const whole = routeSegment(inst, stops);
      const bracketed = joinRandomly(inst, [inst.n, ...stops, inst.n].map((c) => nodeSegment(inst, c)), rng);
      for (const s of [whole, bracketed]) {
        expect(s.timeWarp).toBeCloseTo(direct.timeWarp, 6);
        expect(s.cost).toBeCloseTo(direct.cost, 6);
        expect(s.load).toBe(direct.load);
      }
    });
  });
});

describe('split', () => {
  it('finds the cheapest cut of the giant tour into at most m routes of at most 1.5 × capacity, when there is one (brute force on 7 customers)', () => {
    forSeeds(fc.integer({ min: 1, max: 4 }), 150, (rng, m) => {
      const inst = randomInstance(rng, 7, 20);
      const tour = shuffle(rng, Array.from({ length: 7 }, (_, c) => c));
      const p = { capacity: 1000, timeWarp: 1 + rng.int(20) };
      const costOf = (routes: number[][]) => routes.reduce((sum, r) => sum + penalisedCost(inst, routeSegment(inst, r), p), 0);
      const load = (r: number[]) => r.reduce((sum, c) => sum + inst.demand[c]!, 0);
      let best = Infinity;
      let bestUnpruned = Infinity;
      // Every subset of the 6 cut points, with at most m - 1 of them.
      for (let mask = 0; mask < 64; mask++) {
        const cuts = [0, ...[1, 2, 3, 4, 5, 6].filter((k) => mask & (1 << (k - 1))), 7];
        if (cuts.length - 1 > m) continue;
        const routes = cuts.slice(1).map((end, k) => tour.slice(cuts[k], end));
        bestUnpruned = Math.min(bestUnpruned, costOf(routes));
        if (routes.every((r) => load(r) <= 1.5 * inst.capacity)) best = Math.min(best, costOf(routes));
      }
      if (best === Infinity) best = bestUnpruned;
      const routes = split(inst, tour, m, p);
      expect(routes.length).toBeLessThanOrEqual(m);
      expect(routes.flat()).toEqual(tour);
      expect(costOf(routes)).toBeCloseTo(best, 6);
    });
  });
});

describe('order crossover', () => {
  it('gives a child with every customer exactly once', () => {
    forSeeds(fc.integer({ min: 1, max: 60 }), 200, (rng, n) => {
      const a = shuffle(rng, Array.from({ length: n }, (_, c) => c));
      const b = shuffle(rng, Array.from({ length: n }, (_, c) => c));
      const child = orderCrossover(a, b, rng);
      expect([...child].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, c) => c));
    });
  });
});

describe('penalised local search', () => {
  it('keeps every customer once and never raises the penalised cost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const rng = createRng(seed);
        const inst = randomInstance(rng, 30);
        const p = { capacity: 10, timeWarp: 5 };
        const routes = split(inst, shuffle(rng, Array.from({ length: 30 }, (_, c) => c)), 6, p);
        const slots = Array.from({ length: 6 }, (_, k) => routes[k] ?? []);
        const before = makeIndividual(inst, slots);
        const after = makeIndividual(inst, new PenalisedLocalSearch(inst, relatedNeighbours(inst, 10), rng).run(slots, p));
        expect([...after.tour].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, c) => c));
        const cost = (ind: typeof before) => ind.cost + p.capacity * ind.excessLoad + p.timeWarp * ind.timeWarp;
        expect(cost(after)).toBeLessThanOrEqual(cost(before) + 1e-6);
      }),
      { numRuns: 30 },
    );
  });
});
