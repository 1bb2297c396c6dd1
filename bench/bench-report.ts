import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../bin/lib/config';

/** Writes a run's JSON report to `--json`, or to bench/results/<name>-<time>.json; answers the path. */
export async function writeBenchReport(name: string, report: unknown, jsonPath: string | undefined): Promise<string> {
  const out = jsonPath ?? path.join(PROJECT_ROOT, 'bench/results', `${name}-${new Date().toISOString().replaceAll(':', '-')}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  return out;
}
