/**
 * `keel solve FILE [--time-limit S] [--seed N] [--json]`: solves a Solomon-format VRPTW
 * instance with the literature's objective and prints vehicles, distance and routes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseSolomon, solomonObjective, solomonProblem, solve } from '../../domain/routing';

export const SOLVE_USAGE = `  solve FILE [--time-limit S] [--seed N] [--json]
                   solve a Solomon-format VRPTW instance (vehicles first, then distance)`;

export interface SolveOutput {
  readonly vehicles: number;
  readonly distance: number;
  readonly routes: number[][];
}

export function solveSolomonFile(file: string, timeLimitSeconds: number, seed: number): SolveOutput {
  const instance = parseSolomon(readFileSync(file, 'utf8'));
  const { plan } = solve(solomonProblem(instance), { timeLimitMs: timeLimitSeconds * 1000, seed });
  if (plan.unassigned.length > 0) throw new Error(`${plan.unassigned.length} customers could not be served with ${instance.vehicles} vehicles`);
  const routes = plan.routes.map((r) => r.stops.map((stop) => Number(stop.id)));
  const { vehicles, distance } = solomonObjective(instance, routes);
  return { vehicles, distance, routes };
}

export function runSolveCommand(args: readonly string[]): void {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'time-limit': { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  const timeLimit = Number(values['time-limit']);
  const seed = Number(values.seed);
  if (!file || positionals.length > 1) throw new Error(`usage:\n${SOLVE_USAGE}`);
  if (!(timeLimit > 0)) throw new Error('--time-limit must be a positive number of seconds');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const result = solveSolomonFile(file, timeLimit, seed);
  if (values.json) {
    console.log(formatJson(result));
    return;
  }
  console.log(`vehicles ${result.vehicles}\ndistance ${result.distance.toFixed(2)}`);
  result.routes.forEach((route, i) => console.log(`route ${i + 1}: ${route.join(' ')}`));
}

/** `{"vehicles": n, "distance": d, "routes": [[...], ...]}`, spaced as the documented shape. */
export function formatJson(result: SolveOutput): string {
  const routes = result.routes.map((route) => `[${route.join(', ')}]`).join(', ');
  return `{"vehicles": ${result.vehicles}, "distance": ${JSON.stringify(result.distance)}, "routes": [${routes}]}`;
}
