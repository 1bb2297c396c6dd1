/**
 * One-call entry points: solve a problem to the end of its budget and get a Plan back.
 * A long-running caller (a heartbeating activity) uses createSearch and run() in slices.
 */
import { construct } from './construction';
import { compileModel } from './model';
import { toPlan, type Plan } from './plan';
import type { RoutingProblem } from './problem';
import { createRng } from './rng';
import { createSearch, type SearchProgress, type SolveOptions } from './search';

export interface SolveResult {
  readonly plan: Plan;
  /** Iterations run, elapsed time, the best cost and when it was found. */
  readonly stats: SearchProgress & { readonly bestFoundMs: number };
}

export function solve(problem: RoutingProblem, options: SolveOptions = {}): SolveResult {
  const search = createSearch(problem, options);
  search.run();
  return { plan: toPlan(search.model, search.best()), stats: search.progress() };
}

/** The construction heuristic alone (the benchmark's baseline). */
export function constructOnly(problem: RoutingProblem, options: Pick<SolveOptions, 'seed' | 'initialRoutes'> = {}): Plan {
  const model = compileModel(problem);
  return toPlan(model, construct(model, createRng(options.seed ?? 1), options.initialRoutes));
}
