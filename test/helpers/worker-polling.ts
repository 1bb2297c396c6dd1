import type { ChildProcess } from 'node:child_process';

/**
 * Waits until a `keel worker` child process says it polls its task queue; fails with what it
 * printed if it exits first, or stays silent for `timeoutMs`.
 */
export async function untilWorkerPolls(child: ChildProcess, timeoutMs: number): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('keel worker polling')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
  child.removeAllListeners('exit');
}
