/**
 * The routing optimizer: a VRPTW for field service (skills, shifts, start and end locations,
 * breaks, multiple time windows, priorities, optional and locked jobs), solved by SISR-style
 * ruin and recreate under simulated annealing, with fleet minimisation when vehicles count.
 */
export type { Break, InitialRoute, Job, Objective, RoutingProblem, Technician, TimeWindow } from './problem';
export { euclideanMatrix, matrixFromRows, type Point, type TravelMatrix } from './matrix';
export { haversineMatrix, haversineMeters, type GeoPoint, type HaversineOptions } from './haversine';
export { HaversineMatrixProvider, type MatrixProvider } from './matrix-provider';
export { createSearch, type Search, type SearchProgress, type SolveOptions } from './search';
export { solve, constructOnly, type SolveResult } from './solve';
export type { Plan, PlannedRoute, PlannedStop, UnassignedReason } from './plan';
export { parseSolomon, solomonObjective, solomonProblem, type SolomonCustomer, type SolomonInstance } from './solomon';
