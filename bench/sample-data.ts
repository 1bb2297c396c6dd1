import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a benchmark reads its sample data: the `--data DIR` it was given; else the project's
 * shared data folder beside the repository (`../shared/data/<kind>`, which may hold a larger
 * set) when there is one; else the copy vendored in `test/fixtures/<kind>`, so a fresh clone
 * runs every benchmark with nothing beside it.
 */
export function sampleDataDir(projectRoot: string, kind: 'email' | 'solomon', given?: string): string {
  if (given) return path.resolve(given);
  const shared = path.resolve(projectRoot, '../shared/data', kind);
  return existsSync(shared) ? shared : path.join(projectRoot, 'test/fixtures', kind);
}
