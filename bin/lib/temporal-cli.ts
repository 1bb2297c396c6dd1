import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/**
 * Finds the `temporal` CLI: `TEMPORAL_CLI`, then `PATH`, then `.tools/temporal`; builds it
 * into `.tools/` with `go install` when Go is available. Throws a message naming every
 * option when none works.
 */
export function findTemporalCli(projectRoot: string, log: (line: string) => void = console.log): string {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file.`);
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  const tools = path.join(projectRoot, '.tools');
  const cached = path.join(tools, 'temporal');
  if (isExecutable(cached)) return cached;

  if (which('go')) {
    log(`Building the Temporal CLI into ${tools} (first run only, takes a few minutes)…`);
    const result = spawnSync('go', ['install', TEMPORAL_CLI_MODULE], {
      stdio: 'inherit',
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: tools },
    });
    if (result.status === 0 && isExecutable(cached)) return cached;
  }
  throw new Error(
    [
      'Keel needs a Temporal server and found none. Any one of these works:',
      '  • set TEMPORAL_ADDRESS to a running Temporal server (host:port);',
      '  • set TEMPORAL_CLI to a `temporal` binary, or put `temporal` on your PATH',
      '    (https://docs.temporal.io/cli#install);',
      `  • install Go, and Keel builds it: CGO_ENABLED=0 GOBIN=$PWD/.tools go install ${TEMPORAL_CLI_MODULE}`,
    ].join('\n'),
  );
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
