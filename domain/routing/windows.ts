/**
 * Time-window arithmetic on a node's windows, stored flat as [start0, end0, start1, end1, ...]
 * sorted by start. Waiting is allowed, so feasibility is monotone in arrival time: arriving
 * earlier is never worse. That makes "latest feasible start" a single threshold per stop.
 */

/** The earliest service start at or after `arrival`, or Infinity if every window has closed. */
export function earliestStart(windows: Float64Array, arrival: number): number {
  for (let k = 0; k < windows.length; k += 2) {
    if (arrival <= windows[k + 1]!) return arrival > windows[k]! ? arrival : windows[k]!;
  }
  return Infinity;
}

/** The latest service start not after `bound` inside a window, or -Infinity if none. */
export function latestStart(windows: Float64Array, bound: number): number {
  for (let k = windows.length - 2; k >= 0; k -= 2) {
    if (bound >= windows[k]!) return bound < windows[k + 1]! ? bound : windows[k + 1]!;
  }
  return -Infinity;
}
