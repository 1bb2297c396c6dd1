/**
 * The anytime search: construction, then (when vehicles count first) fleet minimisation, then
 * travel cost — by the hybrid genetic search when the problem is a plain VRPTW (one depot,
 * interchangeable vehicles, single windows), else by simulated annealing over
 * ruin-and-recreate moves, which handles breaks, skills, locks and optional jobs. Every random choice comes
 * from the seeded generator; the clock is read only to stop, so a run with `maxIterations`
 * and no binding time limit is reproducible exactly.
 */
import { AnnealingSearch } from './annealing-search';
import { fleetInstance } from './fleet-instance';
import { HybridSearch } from './hybrid-search';
import { compileModel, type Model } from './model';
import type { InitialRoute, RoutingProblem } from './problem';
import type { Cost, Solution } from './solution';

export interface SolveOptions {
  readonly seed?: number;
  /** Wall-clock budget; the best plan so far is returned when it runs out. */
  readonly timeLimitMs?: number;
  /** Iteration budget; with it the annealing schedule follows iterations, not the clock. */
  readonly maxIterations?: number;
  /** Warm start, e.g. the current plan when re-planning. */
  readonly initialRoutes?: readonly InitialRoute[];
  /** Milliseconds from any origin; injected so the domain reads no clock of its own choosing. */
  readonly clock?: () => number;
  /** Called with the new best after each improvement. */
  readonly onImprovement?: (progress: SearchProgress) => void;
  /** Share of the budget spent removing vehicles (only when the objective counts them). */
  readonly fleetShare?: number;
  /**
   * How travel cost is searched after the fleet phase: 'annealing' (the default) or 'hybrid',
   * the genetic search of hybrid-search.ts, used only for plain VRPTWs (one depot,
   * interchangeable vehicles, single windows, no breaks or locks); elsewhere annealing.
   */
  readonly strategy?: 'annealing' | 'hybrid';
  /** Start and end temperatures as multiples of the construction's travel cost per job. */
  readonly temperature?: { readonly start: number; readonly end: number };
}

export interface SearchProgress {
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly cost: Cost;
}

export interface Search {
  readonly model: Model;
  /** Runs for at most `sliceMs` (or until done); true once the budget is spent. */
  run(sliceMs?: number): boolean;
  best(): Solution;
  progress(): SearchProgress & { readonly bestFoundMs: number; readonly phase: 'fleet' | 'travel' };
}

export function createSearch(problem: RoutingProblem, options: SolveOptions = {}): Search {
  // The budget covers compiling the problem too (its neighbour lists are O(n² log n)).
  const clock = options.clock ?? (() => performance.now());
  const startedAt = clock();
  const model = compileModel(problem);
  const plain = options.strategy === 'hybrid' ? fleetInstance(model) : null;
  if (plain) return new HybridSearch(model, plain, { ...options, clock }, startedAt);
  return new AnnealingSearch(model, { ...options, clock }, startedAt);
}
