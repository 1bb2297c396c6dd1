/**
 * SISR's ruin (Christiaens & Vanden Berghe, "Slack Induction by String Removals", 2020):
 * remove strings of consecutive stops from a few routes that pass near one random job. The
 * removed strings leave geographically coherent gaps ("slack") that recreate can refill better.
 */
import type { Model } from './model';
import type { Rng } from './rng';
import { removeNodes, type Solution } from './solution';

export interface RuinOptions {
  /** Average number of jobs removed per ruin. */
  readonly averageRemoved: number;
  /** Longest string removed from one route. */
  readonly maxStringLength: number;
  /** Probability that a string keeps a few stops in its middle ("split string"). */
  readonly splitRate: number;
}

export const DEFAULT_RUIN: RuinOptions = { averageRemoved: 10, maxStringLength: 10, splitRate: 0.5 };

/** Removes strings from routes near a random job; returns how many nodes went to the bank. */
export function ruin(model: Model, s: Solution, rng: Rng, options: RuinOptions = DEFAULT_RUIN): number {
  const seed = randomRoutedJob(model, s, rng);
  if (seed < 0) return 0;
  const used = s.routes.filter((r) => r.jobs > 0);
  const averageCardinality = used.reduce((sum, r) => sum + r.nodes.length - r.fixed, 0) / Math.max(1, used.length);
  const lsMax = Math.min(options.maxStringLength, averageCardinality);
  const ksMax = (4 * options.averageRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rng.next() * ksMax) + 1;
  const ruined = new Set<number>();
  const removed: number[] = [];
  const candidates = [seed, ...model.neighbours[seed]!];
  for (const c of candidates) {
    if (ruined.size >= ks) break;
    const r = s.routeOf[c]!;
    if (r < 0 || ruined.has(r)) continue;
    const route = s.routes[r]!;
    const pos = route.nodes.indexOf(c);
    if (pos < route.fixed) continue;
    const cardinality = route.nodes.length - route.fixed;
    const length = Math.floor(rng.next() * Math.min(cardinality, lsMax)) + 1;
    const picked = rng.next() < options.splitRate && cardinality > length
      ? splitString(route.nodes, route.fixed, pos, length, rng)
      : string(route.nodes, route.fixed, pos, length, rng);
    removed.push(...picked);
    ruined.add(r);
  }
  removeNodes(model, s, removed);
  return removed.length;
}

function randomRoutedJob(model: Model, s: Solution, rng: Rng): number {
  const start = rng.int(model.jobCount);
  for (let k = 0; k < model.jobCount; k++) {
    const n = (start + k) % model.jobCount;
    const r = s.routeOf[n]!;
    if (r >= 0 && s.routes[r]!.nodes.indexOf(n) >= s.routes[r]!.fixed) return n;
  }
  return -1;
}

/** A window of `length` removable stops that contains position `pos`. */
function windowAround(count: number, fixed: number, pos: number, length: number, rng: Rng): number {
  const lo = Math.max(fixed, pos - length + 1);
  const hi = Math.min(pos, count - length);
  return lo + rng.int(hi - lo + 1);
}

function string(nodes: readonly number[], fixed: number, pos: number, length: number, rng: Rng): number[] {
  const from = windowAround(nodes.length, fixed, pos, length, rng);
  return nodes.slice(from, from + length);
}

/** A string of length + m stops of which m consecutive ones stay. */
function splitString(nodes: readonly number[], fixed: number, pos: number, length: number, rng: Rng): number[] {
  const mMax = nodes.length - fixed - length;
  let m = 1;
  while (m < mMax && rng.next() < 0.5) m++;
  const from = windowAround(nodes.length, fixed, pos, length + m, rng);
  const keepFrom = from + rng.int(length + 1);
  const span = nodes.slice(from, from + length + m);
  return span.filter((_, i) => i + from < keepFrom || i + from >= keepFrom + m);
}
