import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { formatJson } from '../../bin/lib/solve-command';
import { parseSolomon, solomonObjective, solomonProblem, solve } from '../../domain/routing';
import { checkSolomon } from './checker';

// The project root, found without bin/lib/config (which loads the whole server to find it).
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Vendored with its origins and licences (test/fixtures/SOURCES.md): a clone needs nothing beside it.
const DATA = path.join(PROJECT_ROOT, 'test/fixtures/solomon');

const TINY = `TINY

VEHICLE
NUMBER     CAPACITY
  2         10

CUSTOMER
CUST NO.   XCOORD.   YCOORD.    DEMAND   READY TIME   DUE DATE   SERVICE TIME

    0          0       0           0       0         100           0
    1          3       4           5       0          50          1
    2          6       8           5      10          20          2
    3          0       5           6       0         100          0
`;

describe('Solomon format', () => {
  it('reads the fleet and every customer row, depot first', () => {
    const instance = parseSolomon(TINY);
    expect(instance.name).toBe('TINY');
    expect(instance.vehicles).toBe(2);
    expect(instance.capacity).toBe(10);
    expect(instance.customers).toHaveLength(4);
    expect(instance.customers[2]).toEqual({ id: 2, x: 6, y: 8, demand: 5, ready: 10, due: 20, service: 2 });
  });

  it('reads the vendored C101 instance', () => {
    const instance = parseSolomon(readFileSync(path.join(DATA, 'C101.txt'), 'utf8'));
    expect(instance.vehicles).toBe(25);
    expect(instance.capacity).toBe(200);
    expect(instance.customers).toHaveLength(101);
    expect(instance.customers[0]).toMatchObject({ id: 0, x: 40, y: 50, due: 1236 });
  });

  it('rejects files without a fleet line or with short rows', () => {
    expect(() => parseSolomon('X\nCUSTOMER\n0 0 0 0 0 10 0\n')).toThrow(/NUMBER/);
    expect(() => parseSolomon('X\n2 10\n0 0 0 0 0 10 0\n1 1 1\n')).toThrow(/7 numbers/);
  });

  it('computes the literature objective in double precision, depot to depot', () => {
    const instance = parseSolomon(TINY);
    // 0→1→2→0 is 5 + 5 + 10; 0→3→0 is 5 + 5.
    expect(solomonObjective(instance, [[1, 2], [3], []])).toEqual({ vehicles: 2, distance: 30 });
  });

  it('solves the tiny instance to the capacity-forced optimum', () => {
    const instance = parseSolomon(TINY);
    const { plan } = solve(solomonProblem(instance), { maxIterations: 200, timeLimitMs: 60_000 });
    const routes = plan.routes.map((r) => r.stops.map((s) => Number(s.id)));
    expect(checkSolomon(instance, routes).violations).toEqual([]);
    expect(solomonObjective(instance, routes)).toEqual({ vehicles: 2, distance: 30 });
  });

  it('prints the documented JSON shape', () => {
    const text = formatJson({ vehicles: 2, distance: 30.5, routes: [[1, 2], [3]] });
    expect(text).toBe('{"vehicles": 2, "distance": 30.5, "routes": [[1, 2], [3]]}');
    expect(JSON.parse(text)).toEqual({ vehicles: 2, distance: 30.5, routes: [[1, 2], [3]] });
  });
});

describe('C101', () => {
  it('is solved briefly to the best-known vehicle count, feasibly, near the best-known distance', () => {
    const instance = parseSolomon(readFileSync(path.join(DATA, 'C101.txt'), 'utf8'));
    const { plan } = solve(solomonProblem(instance), { timeLimitMs: 2000, seed: 1 });
    const routes = plan.routes.map((r) => r.stops.map((s) => Number(s.id)));
    const check = checkSolomon(instance, routes);
    expect(check.violations).toEqual([]);
    expect(plan.unassigned).toEqual([]);
    expect(check.vehicles).toBe(10);
    expect(check.distance).toBeLessThan(828.94 * 1.02);
  });
});

describe('the vendored instance sets', () => {
  it('parse, each with its customer count and a best-known result in its folder\'s bks.csv', () => {
    const sets = [{ dir: DATA, customers: 100 }, { dir: path.join(DATA, 'gehring-homberger-200'), customers: 200 }];
    for (const { dir, customers } of sets) {
      const known = readFileSync(path.join(dir, 'bks.csv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split(',')[0]);
      const files = readdirSync(dir).filter((file) => file.endsWith('.txt'));
      expect(files, dir).toHaveLength(3);
      for (const file of files) {
        const instance = parseSolomon(readFileSync(path.join(dir, file), 'utf8'));
        expect(instance.customers, file).toHaveLength(customers + 1);
        expect(known, file).toContain(path.basename(file, '.txt'));
      }
    }
  });
});
