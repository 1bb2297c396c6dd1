import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Who a test runs a production process as: `nobody` when the tests run as root, else themselves. */
export interface RunAs {
  name: string;
  /** Set when the process is to change user (the tests run as root). */
  ids: { uid: number; gid: number } | null;
}

export function unprivilegedUser(): RunAs {
  if (process.getuid?.() !== 0) return { name: `the current user (uid ${process.getuid?.()}), since the tests do not run as root`, ids: null };
  const entry = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('nobody:'))?.split(':');
  return { name: 'nobody', ids: { uid: Number(entry?.[2] ?? 65534), gid: Number(entry?.[3] ?? 65534) } };
}

/** Runs a line of JavaScript as that user: whether it succeeded, and what it printed. */
export function runAsUser(user: RunAs, script: string): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000, ...(user.ids ?? {}) });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
