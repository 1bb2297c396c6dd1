/**
 * SISR-style search (Christiaens & Vanden Berghe 2020): fleet minimisation by absence-weighted
 * ruin and recreate when vehicles count, then simulated annealing over ruin-and-recreate moves
 * for travel cost. With `fleetOnly` it stops where the travel phase would start (the hybrid
 * genetic search takes over from there).
 */
import { construct } from './construction';
import { fleetInstance, type FleetInstance } from './fleet-instance';
import type { Model } from './model';
import { segmentPolish } from './segment-polish';
import { polish } from './local-search';
import { recreate } from './recreate';
import { createRng, type Rng } from './rng';
import { ruin } from './ruin';
import type { Search, SolveOptions } from './search';
import { cloneSolution, compareCost, costOf, type Cost, type Solution } from './solution';

const MAX_POLISH_PASSES = 5;
/** The segment polish gets the last 5 % of the budget (about 0.3 s of CPU on 200 customers). */
const POLISH_FROM = 0.95;

const DEFAULTS = { seed: 1, timeLimitMs: 2000, fleetShare: 0.5, temperature: { start: 1, end: 0.01 } };

export class AnnealingSearch implements Search {
  private readonly rng: Rng;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private bestSolution: Solution;
  private bestCost: Cost;
  private bestFoundMs = 0;
  private current: Solution;
  private iteration = 0;
  private phase: 'fleet' | 'travel';
  private fleetEnd: number;
  private readonly absences: Int32Array;
  private readonly scale: number;
  private finished = false;

  /** The problem as a plain VRPTW, when it is one: then the segment polish runs at the end. */
  private readonly plain: FleetInstance | null;
  /** Stop once the fleet phase is over (the caller continues the travel phase its own way). */
  private fleetOnly: boolean;

  constructor(readonly model: Model, private readonly options: SolveOptions & { readonly clock: () => number }, startedAt: number, fleetOnly = false) {
    this.fleetOnly = fleetOnly;
    this.plain = fleetInstance(model);
    this.rng = createRng(options.seed ?? DEFAULTS.seed);
    this.clock = options.clock;
    this.startedAt = startedAt;
    this.bestSolution = construct(model, this.rng, options.initialRoutes);
    this.bestCost = costOf(model, this.bestSolution);
    this.current = cloneSolution(this.bestSolution);
    this.absences = new Int32Array(model.nodeCount);
    this.scale = Math.max(1e-9, this.bestCost.travel / Math.max(1, model.jobCount));
    const fleet = model.minimizeVehicles && this.bestSolution.bank.length === 0;
    this.fleetEnd = fleet ? (options.fleetShare ?? DEFAULTS.fleetShare) : 0;
    this.phase = fleet ? 'fleet' : 'travel';
    if (fleet) this.eliminateRoute();
  }

  run(sliceMs = Infinity): boolean {
    const sliceEnd = this.clock() + sliceMs;
    while (!this.finished) {
      const fraction = this.fraction();
      if (fraction >= (this.plain ? POLISH_FROM : 1)) {
        this.finish();
        break;
      }
      if (this.phase === 'fleet' && (fraction >= this.fleetEnd || this.bestCost.vehicles <= this.vehicleLowerBound())) {
        this.phase = 'travel';
        this.fleetEnd = fraction;
        this.current = cloneSolution(this.bestSolution);
      }
      if (this.fleetOnly && this.phase === 'travel') {
        this.finished = true;
        break;
      }
      if (this.phase === 'fleet') this.fleetStep();
      else this.travelStep(fraction);
      this.iteration++;
      if (this.clock() >= sliceEnd) break;
    }
    return this.finished;
  }

  /**
   * Polishes the best with local search once, at the end. (Polishing every new best cost more
   * iterations than it gained: on R101 at 2 s it cut the iterations five-fold.)
   */
  private finish(): void {
    this.finished = true;
    const polished = cloneSolution(this.bestSolution);
    if (polish(this.model, polished, MAX_POLISH_PASSES)) this.improve(polished);
    const segmentPolished = this.plain && segmentPolish(this.model, this.plain, this.bestSolution, this.rng);
    if (segmentPolished) this.improve(segmentPolished);
  }

  /** After a fleet-only run: go on with the annealing travel phase after all. */
  continueWithTravel(): void {
    this.fleetOnly = false;
    this.finished = false;
  }

  best(): Solution {
    return this.bestSolution;
  }

  progress() {
    return {
      iteration: this.iteration,
      elapsedMs: this.clock() - this.startedAt,
      cost: this.bestCost,
      bestFoundMs: this.bestFoundMs,
      phase: this.phase,
    };
  }

  private fraction(): number {
    const byTime = (this.clock() - this.startedAt) / (this.options.timeLimitMs ?? DEFAULTS.timeLimitMs);
    if (this.options.maxIterations === undefined) return byTime;
    return byTime >= 1 ? 1 : this.iteration / this.options.maxIterations;
  }

  /** One ruin-and-recreate on a copy of the current solution. */
  private neighbour(maxRoutes: number): Solution {
    const candidate = cloneSolution(this.current);
    ruin(this.model, candidate, this.rng);
    // Removing a vehicle needs every route considered for the hard jobs (on RC101, 14 vehicles
    // on 5 seeds of 6 this way, 4 of 6 with near routes first).
    const granular = this.phase !== 'fleet';
    recreate(this.model, candidate, this.rng, { blinkRate: 0.01, maxRoutes, granular });
    return candidate;
  }

  /**
   * SISR's fleet minimisation: with one route fewer, accept a candidate that leaves fewer
   * jobs out, or jobs that were left out less often (absence counts steer the search toward
   * placing the hard jobs).
   */
  private fleetStep(): void {
    // The fleet is one route short of the best: ruin may empty a route, recreate may refill it.
    const candidate = this.neighbour(this.bestCost.vehicles - 1);
    for (const n of candidate.bank) this.absences[n]!++;
    const absent = (s: Solution) => s.bank.reduce((sum, n) => sum + this.absences[n]!, 0);
    if (candidate.bank.length < this.current.bank.length || absent(candidate) < absent(this.current)) {
      this.current = candidate;
    }
    if (this.current.bank.length === 0 && this.current.routes.every((r) => r.feasible)) {
      this.improve(this.current);
      if (this.bestCost.vehicles > this.vehicleLowerBound()) this.eliminateRoute();
    }
  }

  /** Simulated annealing on travel cost; penalty and vehicle count may only improve. */
  private travelStep(fraction: number): void {
    // More routes than the best would be rejected anyway: do not even try them.
    const candidate = this.neighbour(this.model.minimizeVehicles ? this.bestCost.vehicles : Infinity);
    if (!candidate.routes.every((r) => r.feasible)) return;
    const t = this.options.temperature ?? DEFAULTS.temperature;
    const local = this.fleetEnd >= 1 ? 1 : (fraction - this.fleetEnd) / (1 - this.fleetEnd);
    const temperature = this.scale * t.start * Math.pow(t.end / t.start, Math.min(1, Math.max(0, local)));
    const candidateCost = costOf(this.model, candidate);
    const currentCost = costOf(this.model, this.current);
    const accept = candidateCost.penalty !== currentCost.penalty || (this.model.minimizeVehicles && candidateCost.vehicles !== currentCost.vehicles)
      ? compareCost(this.model, candidateCost, currentCost) < 0
      : candidateCost.travel < currentCost.travel - temperature * Math.log(this.rng.next());
    if (!accept) return;
    this.current = candidate;
    if (compareCost(this.model, candidateCost, this.bestCost) < 0) this.improve(candidate, candidateCost);
  }

  private improve(s: Solution, cost: Cost = costOf(this.model, s)): void {
    this.bestSolution = s;
    this.bestCost = cost;
    this.bestFoundMs = this.clock() - this.startedAt;
    this.options.onImprovement?.({ iteration: this.iteration, elapsedMs: this.bestFoundMs, cost });
  }

  /**
   * Empties a random route into the bank: the fleet phase must place its jobs elsewhere. (A
   * random route beat "the route with the fewest jobs" on RC101: the shortest route is often
   * short because its jobs fit nowhere else.)
   */
  private eliminateRoute(): void {
    this.current = cloneSolution(this.bestSolution);
    const candidates = this.current.routes.flatMap((route, r) => (route.jobs > 0 && route.fixed === 0 ? [r] : []));
    const pick = candidates.length > 0 ? candidates[this.rng.int(candidates.length)]! : -1;
    if (pick < 0) return;
    const route = this.current.routes[pick]!;
    const jobs = route.nodes.filter((n) => n < this.model.jobCount);
    route.nodes = route.nodes.filter((n) => n >= this.model.jobCount);
    route.update(this.model);
    for (const n of jobs) this.current.routeOf[n] = -1;
    this.current.bank.push(...jobs);
  }

  private vehicleLowerBound(): number {
    let demand = 0;
    for (let n = 0; n < this.model.jobCount; n++) demand += this.model.demand[n]!;
    const capacity = Math.max(...this.model.vehicles.map((v) => v.capacity));
    return Math.max(1, Number.isFinite(capacity) && capacity > 0 ? Math.ceil(demand / capacity - 1e-9) : 1);
  }
}
