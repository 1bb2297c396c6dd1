/**
 * The routing optimizer: a VRPTW for field service (skills, shifts, start and end locations,
 * breaks, multiple time windows, priorities, optional and locked jobs), solved by SISR-style
 * ruin and recreate under simulated annealing, with fleet minimisation when vehicles count
 * and relocate/2-opt* local search on each new best.
 *
 * A dispatch activity would:
 *   const matrix = await provider.matrix(points);          // HaversineMatrixProvider or OsrmMatrixProvider
 *   const search = createSearch({ technicians, jobs, matrix }, { seed, timeLimitMs, initialRoutes });
 *   while (!search.run(250)) { heartbeat(search.progress()); await cancellationCheck(); }
 *   const plan = planOf(search);                            // routes with ETAs, unassigned with reasons
 * or, without heartbeats, `solve(problem, options).plan`.
 */
export type { Break, InitialRoute, Job, Objective, RoutingProblem, Technician, TimeWindow } from './problem';
export { euclideanMatrix, matrixFromRows, type Point, type TravelMatrix } from './matrix';
export { haversineMatrix, haversineMeters, type GeoPoint, type HaversineOptions } from './haversine';
export { HaversineMatrixProvider, type MatrixProvider } from './matrix-provider';
export { createSearch, type Search, type SearchProgress, type SolveOptions } from './search';
export { solve, constructOnly, type SolveResult } from './solve';
export { planOf, type Plan, type PlannedRoute, type PlannedStop, type UnassignedReason } from './plan';
export { parseSolomon, solomonObjective, solomonProblem, type SolomonCustomer, type SolomonInstance } from './solomon';
