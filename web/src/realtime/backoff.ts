export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A number in [0, 1) for the jitter (tests pass a fixed one). */
  random?: () => number;
}

/**
 * How long to wait before reconnect number `attempt` (0 first): doubling from `initialMs` up to
 * `maxMs`, jittered between half and all of that, so a restarted server is not hit by every
 * console at the same instant.
 */
export function reconnectDelay(attempt: number, backoff: Backoff, random: () => number = backoff.random ?? Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
