import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;
const PROGRESS_EVERY_MS = 15_000;

/**
 * Where a built CLI is kept: per user and per version, outside any clone, so a second clone
 * (or `.ci/run`) starts in seconds instead of building again.
 */
export function temporalCliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'keel', `temporal-${TEMPORAL_CLI_VERSION}`);
}

/**
 * Finds the `temporal` CLI: `TEMPORAL_CLI`, then `PATH`, then the per-user cache (and a
 * clone's `.tools/`, where older versions built it); builds it into the cache with
 * `go install` when Go is available, saying how far it got. Throws a message naming every
 * option when none works.
 */
export async function findTemporalCli(projectRoot: string, log: (line: string) => void = console.log): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file.`);
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  const cacheDir = temporalCliCacheDir();
  const cached = path.join(cacheDir, 'temporal');
  for (const candidate of [cached, path.join(projectRoot, '.tools', 'temporal')]) {
    if (isExecutable(candidate)) return candidate;
  }
  if (which('go') && (await buildTemporalCli(cacheDir, log)) && isExecutable(cached)) return cached;
  throw new Error(
    [
      'Keel needs a Temporal server and found none. Any one of these works:',
      '  • set TEMPORAL_ADDRESS to a running Temporal server (host:port);',
      '  • set TEMPORAL_CLI to a `temporal` binary, or put `temporal` on your PATH',
      '    (https://docs.temporal.io/cli#install);',
      `  • install Go, and Keel builds it: CGO_ENABLED=0 GOBIN=${cacheDir} go install ${TEMPORAL_CLI_MODULE}`,
    ].join('\n'),
  );
}

/**
 * `go install -v` names each package as it compiles it: counting those lines gives a sign
 * of life every few seconds during a build that takes minutes on a small machine.
 */
async function buildTemporalCli(cacheDir: string, log: (line: string) => void): Promise<boolean> {
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} into ${cacheDir} (once per user; about ten minutes on two cores)…`);
  const started = Date.now();
  let packages = 0;
  let lastLines: string[] = [];
  const child = spawn('go', ['install', '-v', TEMPORAL_CLI_MODULE], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: cacheDir },
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const lines = chunk.split('\n').filter(Boolean);
    packages += lines.filter((line) => !line.startsWith('go: ')).length;
    lastLines = [...lastLines, ...lines].slice(-20);
  });
  const progress = setInterval(() => {
    log(`  still building the Temporal CLI: ${packages} packages compiled, ${Math.round((Date.now() - started) / 1000)} s`);
  }, PROGRESS_EVERY_MS);
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  clearInterval(progress);
  if (code === 0) {
    log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s.`);
    return true;
  }
  log(`Building the Temporal CLI failed (exit ${code}):\n${lastLines.join('\n')}`);
  return false;
}

function which(command: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
