/**
 * Solomon's VRPTW benchmark format and the literature's objective: fewest vehicles, then
 * least total Euclidean distance in double precision; travel time equals distance, service
 * must start by the due date, and every vehicle is back at the depot by the depot's due date.
 */
import { euclideanMatrix } from './matrix';
import type { RoutingProblem } from './problem';

export interface SolomonCustomer {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface SolomonInstance {
  readonly name: string;
  readonly vehicles: number;
  readonly capacity: number;
  /** customers[0] is the depot. */
  readonly customers: readonly SolomonCustomer[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? '';
  const numeric = lines.filter((l) => /^[-\d.\s]+$/.test(l) && l.length > 0).map((l) => l.split(/\s+/).map(Number));
  const [fleet, ...rows] = numeric;
  if (!fleet || fleet.length !== 2) throw new Error('Solomon file: expected a "NUMBER CAPACITY" line with two numbers');
  const customers = rows.map((row, i) => {
    if (row.length !== 7 || row.some((v) => !Number.isFinite(v))) throw new Error(`Solomon file: customer row ${i} needs 7 numbers`);
    const [id, x, y, demand, ready, due, service] = row as [number, number, number, number, number, number, number];
    return { id, x, y, demand, ready, due, service };
  });
  if (customers.length < 2) throw new Error('Solomon file: needs a depot and at least one customer');
  if (customers[0]!.demand !== 0) throw new Error('Solomon file: the first customer row must be the depot');
  return { name, vehicles: fleet[0]!, capacity: fleet[1]!, customers };
}

/** Location i of the matrix is customers[i]; job ids are the customer numbers. */
export function solomonProblem(instance: SolomonInstance): RoutingProblem {
  const [depot, ...rest] = instance.customers;
  const matrix = euclideanMatrix(instance.customers);
  const technicians = Array.from({ length: instance.vehicles }, (_, v) => ({
    id: `vehicle-${v + 1}`,
    start: 0,
    end: 0,
    shift: { start: depot!.ready, end: depot!.due },
    capacity: instance.capacity,
  }));
  const jobs = rest.map((c, i) => ({
    id: String(c.id),
    location: i + 1,
    serviceDuration: c.service,
    windows: [{ start: c.ready, end: c.due }],
    demand: c.demand,
  }));
  return { technicians, jobs, matrix, objective: { minimizeVehicles: true, travelCost: 'distance' } };
}

/** Vehicles and total distance of routes given as customer ids, depot left out. */
export function solomonObjective(instance: SolomonInstance, routes: readonly (readonly number[])[]): { vehicles: number; distance: number } {
  const byId = new Map(instance.customers.map((c) => [c.id, c]));
  const depot = instance.customers[0]!;
  let distance = 0;
  let vehicles = 0;
  for (const route of routes) {
    if (route.length === 0) continue;
    vehicles++;
    let at = depot;
    for (const id of [...route, depot.id]) {
      const next = byId.get(id);
      if (!next) throw new Error(`unknown customer ${id}`);
      distance += Math.sqrt((at.x - next.x) ** 2 + (at.y - next.y) ** 2);
      at = next;
    }
  }
  return { vehicles, distance };
}
