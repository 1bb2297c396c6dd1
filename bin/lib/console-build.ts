import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config';

export const WEB_ROOT = path.join(PROJECT_ROOT, 'web/dist');

/** The console is built once (vite) and then served by the API; builds it when missing. */
export function ensureConsoleBuilt(say: (line: string) => void = console.log): string {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    say('building the console (first run only)…');
    const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('Building the console failed; see the output above.');
  }
  return WEB_ROOT;
}
