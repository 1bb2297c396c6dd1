/**
 * Hybrid genetic search for plain VRPTWs (after Vidal's HGS and PyVRP): the ruin-and-recreate
 * fleet phase first settles how many vehicles are needed; then offspring are bred by order
 * crossover of two parents' giant tours, split into at most that many routes, educated by the
 * penalised granular local search, and kept in a population managed for cost and diversity.
 * Infeasible offspring stay in the population (their own sub-population) and half of them are
 * repaired with ten-fold penalties. Seeded and anytime like the annealing search: one offspring
 * per iteration, the best feasible plan is always at hand.
 */
import { AnnealingSearch } from './annealing-search';
import { orderCrossover } from './crossover';
import type { FleetInstance } from './fleet-instance';
import { makeIndividual, type Individual } from './individual';
import { polish } from './local-search';
import type { Model } from './model';
import { PenalisedLocalSearch, relatedNeighbours } from './penalised-local-search';
import { PenaltyManager } from './penalties';
import { Population, POPULATION } from './population';
import { createRng, shuffle, type Rng } from './rng';
import type { Search, SolveOptions } from './search';
import { cloneSolution, compareCost, costOf, emptySolution, type Cost, type Solution } from './solution';
import { split } from './split';

/** Related customers per customer in the local search (HGS uses 20–40). */
const GRANULARITY = 20;
const ADAPT_EVERY = 100;
const REPAIR_RATE = 0.5;
const REPAIR_FACTOR = 10;
const DEFAULT_TIME_LIMIT_MS = 2000;

export class HybridSearch implements Search {
  private readonly fleet: AnnealingSearch;
  private readonly rng: Rng;
  private readonly clock: () => number;
  private bestSolution: Solution;
  private bestCost: Cost;
  private bestFoundMs = 0;
  private geneticIterations = 0;
  private genetic: {
    routes: number;
    population: Population;
    penalties: PenaltyManager;
    localSearch: PenalisedLocalSearch;
    initial: number;
  } | null = null;
  private finished = false;
  /** Set when the genetic search cannot take over: the annealing search runs to the end. */
  private annealingOnly = false;

  constructor(
    readonly model: Model,
    private readonly inst: FleetInstance,
    private readonly options: SolveOptions & { readonly clock: () => number },
    private readonly startedAt: number,
  ) {
    this.clock = options.clock;
    this.fleet = new AnnealingSearch(model, options, startedAt, true);
    // Its own stream, so the fleet phase's draws do not depend on how the genetic part runs.
    this.rng = createRng(((options.seed ?? 1) * 2654435761) >>> 0);
    this.bestSolution = this.fleet.best();
    this.bestCost = costOf(model, this.bestSolution);
  }

  run(sliceMs = Infinity): boolean {
    const sliceEnd = this.clock() + sliceMs;
    while (!this.finished) {
      if (this.annealingOnly) {
        this.finished = this.fleet.run(Math.max(0, sliceEnd - this.clock()));
        break;
      }
      if (this.fraction() >= 1) {
        this.finish();
        break;
      }
      if (!this.genetic) {
        if (this.fleet.run(Math.max(0, sliceEnd - this.clock()))) this.startGenetic();
        else if (this.clock() >= sliceEnd) break;
        continue;
      }
      this.step(this.genetic);
      if (this.clock() >= sliceEnd) break;
    }
    return this.finished;
  }

  best(): Solution {
    return this.genetic ? this.bestSolution : this.fleet.best();
  }

  progress() {
    const fleet = this.fleet.progress();
    if (!this.genetic) return fleet;
    return {
      iteration: fleet.iteration + this.geneticIterations,
      elapsedMs: this.clock() - this.startedAt,
      cost: this.bestCost,
      bestFoundMs: this.bestFoundMs,
      phase: 'travel' as const,
    };
  }

  private fraction(): number {
    const byTime = (this.clock() - this.startedAt) / (this.options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
    if (this.options.maxIterations === undefined) return byTime;
    return byTime >= 1 ? 1 : this.progress().iteration / this.options.maxIterations;
  }

  private startGenetic(): void {
    const fleetBest = this.fleet.best();
    this.bestSolution = fleetBest;
    this.bestCost = costOf(this.model, fleetBest);
    this.bestFoundMs = this.fleet.progress().bestFoundMs;
    if (fleetBest.bank.length > 0) {
      // Some job fits nowhere: the genetic search needs every customer routed; anneal instead.
      this.fleet.continueWithTravel();
      this.annealingOnly = true;
      return;
    }
    const routes = this.model.minimizeVehicles ? Math.max(1, this.bestCost.vehicles) : this.inst.vehicles;
    const neighbours = relatedNeighbours(this.inst, GRANULARITY);
    const genetic = {
      routes,
      population: new Population(this.inst.n),
      penalties: new PenaltyManager(this.inst),
      localSearch: new PenalisedLocalSearch(this.inst, neighbours, this.rng),
      initial: 0,
    };
    this.genetic = genetic;
    this.educate(genetic, fleetBest.routes.filter((r) => r.jobs > 0).map((r) => r.nodes));
  }

  /** One offspring: random while the population is being seeded, then bred from two parents. */
  private step(g: NonNullable<HybridSearch['genetic']>): void {
    const p = g.penalties.current;
    let tour: number[];
    if (g.initial < POPULATION.mu) {
      g.initial++;
      tour = shuffle(this.rng, Array.from({ length: this.inst.n }, (_, c) => c));
    } else {
      const [a, b] = g.population.parents(this.rng, p);
      tour = orderCrossover(a.tour, b.tour, this.rng);
    }
    this.educate(g, split(this.inst, tour, g.routes, p));
    this.geneticIterations++;
    if (this.geneticIterations % ADAPT_EVERY === 0) g.penalties.adapt();
  }

  private educate(g: NonNullable<HybridSearch['genetic']>, routes: readonly (readonly number[])[]): void {
    const slots = Array.from({ length: g.routes }, (_, k) => routes[k] ?? []);
    const child = makeIndividual(this.inst, g.localSearch.run(slots, g.penalties.current));
    g.penalties.record(child.excessLoad, child.timeWarp);
    g.population.add(child, g.penalties.current);
    this.consider(child);
    if (!child.feasible && this.rng.next() < REPAIR_RATE) {
      const repaired = makeIndividual(this.inst, g.localSearch.run(child.routes, g.penalties.boosted(REPAIR_FACTOR)));
      if (repaired.feasible) {
        g.population.add(repaired, g.penalties.current);
        this.consider(repaired);
      }
    }
  }

  /** A feasible individual better than the best becomes the best (re-checked on real routes). */
  private consider(ind: Individual): void {
    if (!ind.feasible) return;
    if (this.model.minimizeVehicles || ind.cost < this.bestCost.travel) {
      const s = this.toSolution(ind);
      if (!s.routes.every((r) => r.feasible)) return;
      const cost = costOf(this.model, s);
      if (compareCost(this.model, cost, this.bestCost) < 0) this.improve(s, cost);
    }
  }

  private toSolution(ind: Individual): Solution {
    const s = emptySolution(this.model);
    ind.routes.filter((stops) => stops.length > 0).forEach((stops, r) => {
      const route = s.routes[r]!;
      route.nodes = stops.slice();
      route.update(this.model);
      for (const c of stops) s.routeOf[c] = r;
    });
    s.bank = [];
    return s;
  }

  private improve(s: Solution, cost: Cost): void {
    this.bestSolution = s;
    this.bestCost = cost;
    this.bestFoundMs = this.clock() - this.startedAt;
    this.options.onImprovement?.({ iteration: this.progress().iteration, elapsedMs: this.bestFoundMs, cost });
  }

  private finish(): void {
    this.finished = true;
    if (!this.genetic) return;
    const polished = cloneSolution(this.bestSolution);
    if (polish(this.model, polished, 5)) {
      const cost = costOf(this.model, polished);
      if (compareCost(this.model, cost, this.bestCost) < 0) this.improve(polished, cost);
    }
  }
}
