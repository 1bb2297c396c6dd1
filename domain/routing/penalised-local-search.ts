/**
 * The genetic search's education step: first-improvement local search over a granular
 * neighbourhood (each customer with its k most related ones), on penalised cost — excess load
 * and time warp are allowed at a price, so the search can pass through infeasible plans.
 * Moves: relocate one or two customers (two also reversed), swap 1–1, 2–1 and 2–2, 2-opt*
 * between routes and 2-opt inside a route. Every move is priced by joining time-window
 * segments (prefix, moved stops, suffix), O(1) for the inter-route ones.
 */
import type { FleetInstance } from './fleet-instance';
import type { Rng } from './rng';
import { shuffle } from './rng';
import { join, nodeSegment, penalisedCost, type Penalties, type Segment } from './segments';

const EPSILON = 1e-7;

/** Stops from..to (inclusive) of a route, read backwards when the flag is set. */
type Piece = [route: number, from: number, to: number, reversed: boolean];

const nonEmpty = (p: Piece) => p[1] <= p[2];

export class PenalisedLocalSearch {
  private routes: number[][] = [];
  private readonly routeOf: Int32Array;
  private readonly posOf: Int32Array;
  /** prefix[r][k]: depot then the first k stops; suffix[r][k]: stops from k on, then the depot. */
  private prefix: Segment[][] = [];
  private suffix: Segment[][] = [];
  private routeCost: number[] = [];
  private modifiedAt: number[] = [];
  private readonly testedAt: Int32Array;
  private readonly nodes: Segment[];
  private moves = 0;
  private p: Penalties = { capacity: 1, timeWarp: 1 };

  constructor(private readonly inst: FleetInstance, private readonly neighbours: readonly Int32Array[], private readonly rng: Rng) {
    this.routeOf = new Int32Array(inst.n);
    this.posOf = new Int32Array(inst.n);
    this.testedAt = new Int32Array(inst.n);
    this.nodes = Array.from({ length: inst.n + 1 }, (_, i) => nodeSegment(inst, i));
  }

  /** Improves the routes (one array per vehicle, empty ones included) until no move gains. */
  run(routes: readonly (readonly number[])[], penalties: Penalties): number[][] {
    this.p = penalties;
    this.routes = routes.map((r) => r.slice());
    this.prefix = [];
    this.suffix = [];
    this.routeCost = [];
    this.modifiedAt = this.routes.map(() => 0);
    this.moves = 1;
    this.testedAt.fill(-1);
    this.routes.forEach((_, r) => this.refresh(r));
    const order = shuffle(this.rng, Array.from({ length: this.inst.n }, (_, i) => i));
    for (let loop = 0, improved = true; improved; loop++) {
      improved = false;
      for (const u of order) {
        const testedAt = this.testedAt[u]!;
        this.testedAt[u] = this.moves;
        for (const v of this.neighbours[u]!) {
          if (loop > 0 && Math.max(this.modifiedAt[this.routeOf[u]!]!, this.modifiedAt[this.routeOf[v]!]!) <= testedAt) continue;
          if (this.tryPair(u, v)) improved = true;
        }
        if (loop > 0 && this.tryEmptyRoute(u)) improved = true;
      }
    }
    return this.routes;
  }

  private refresh(r: number): void {
    const stops = this.routes[r]!;
    const depot = this.nodes[this.inst.n]!;
    const pre: Segment[] = [depot];
    for (let k = 0; k < stops.length; k++) {
      pre.push(join(this.inst, pre[k]!, this.nodes[stops[k]!]!));
      this.routeOf[stops[k]!] = r;
      this.posOf[stops[k]!] = k;
    }
    const suf: Segment[] = new Array<Segment>(stops.length + 1);
    suf[stops.length] = depot;
    for (let k = stops.length - 1; k >= 0; k--) suf[k] = join(this.inst, this.nodes[stops[k]!]!, suf[k + 1]!);
    this.prefix[r] = pre;
    this.suffix[r] = suf;
    this.routeCost[r] = stops.length === 0 ? 0 : penalisedCost(this.inst, join(this.inst, pre[stops.length]!, depot), this.p);
    this.modifiedAt[r] = this.moves;
  }

  /** Stops a..b of route r (inclusive) as one segment, reversed if asked; null when empty. */
  private range(r: number, a: number, b: number, reversed = false): Segment | null {
    if (a > b) return null;
    const stops = this.routes[r]!;
    if (reversed) {
      let s = this.nodes[stops[b]!]!;
      for (let k = b - 1; k >= a; k--) s = join(this.inst, s, this.nodes[stops[k]!]!);
      return s;
    }
    let s = this.nodes[stops[a]!]!;
    for (let k = a + 1; k <= b; k++) s = join(this.inst, s, this.nodes[stops[k]!]!);
    return s;
  }

  private tryPair(u: number, v: number): boolean {
    const ru = this.routeOf[u]!;
    const rv = this.routeOf[v]!;
    const i = this.posOf[u]!;
    const j = this.posOf[v]!;
    const lu = this.routes[ru]!.length;
    const lv = this.routes[rv]!.length;
    if (this.relocate(ru, i, 1, false, rv, j)) return true;
    if (i + 1 < lu && this.relocate(ru, i, 2, false, rv, j)) return true;
    if (i + 1 < lu && this.relocate(ru, i, 2, true, rv, j)) return true;
    if (this.swap(ru, i, 1, rv, j, 1)) return true;
    if (i + 1 < lu && this.swap(ru, i, 2, rv, j, 1)) return true;
    if (i + 1 < lu && j + 1 < lv && this.swap(ru, i, 2, rv, j, 2)) return true;
    if (ru !== rv ? this.twoOptStar(ru, i, rv, j) : this.twoOpt(ru, i, j)) return true;
    // With v first in its route, also try u in front of it.
    if (j === 0) {
      if (this.relocate(ru, i, 1, false, rv, -1)) return true;
      if (ru !== rv && this.twoOptStar(ru, i, rv, -1)) return true;
    }
    return false;
  }

  /** u (and its successor) into the first empty route, or u's tail as a new route. */
  private tryEmptyRoute(u: number): boolean {
    const empty = this.routes.findIndex((r) => r.length === 0);
    if (empty < 0) return false;
    const ru = this.routeOf[u]!;
    const i = this.posOf[u]!;
    return this.relocate(ru, i, 1, false, empty, -1) || this.twoOptStar(ru, i, empty, -1);
  }

  /**
   * A move is described by the pieces of the routes it produces: runs [route, from, to] of
   * current stops (inclusive, optionally reversed). Arcs and loads alone give a lower bound
   * on a piece list's penalised cost (time warp is never negative), which rejects most moves
   * before any time-window arithmetic. (Reversed runs are bounded by their forward cost,
   * exact for symmetric costs.)
   */
  private bound(pieces: readonly Piece[]): number {
    if (pieces.length === 0) return 0;
    let cost = 0;
    let load = 0;
    let at = this.inst.n;
    const N = this.inst.n + 1;
    for (const [r, a, b, reversed] of pieces) {
      const pre = this.prefix[r]!;
      const stops = this.routes[r]!;
      cost += pre[b + 1]!.cost - pre[a + 1]!.cost;
      load += pre[b + 1]!.load - pre[a]!.load;
      cost += this.inst.cost[at * N + stops[reversed ? b : a]!]!;
      at = stops[reversed ? a : b]!;
    }
    cost += this.inst.cost[at * N + this.inst.n]!;
    return cost + this.p.capacity * Math.max(0, load - this.inst.capacity);
  }

  /** The exact penalised cost of a route made of these pieces, depot to depot. */
  private exact(pieces: readonly Piece[]): number {
    if (pieces.length === 0) return 0;
    let s = this.nodes[this.inst.n]!;
    let k = 0;
    const [r0, a0, b0, rev0] = pieces[0]!;
    if (a0 === 0 && !rev0) {
      s = this.prefix[r0]![b0 + 1]!;
      k = 1;
    }
    for (; k < pieces.length; k++) {
      const [r, a, b, reversed] = pieces[k]!;
      if (k === pieces.length - 1 && !reversed && b === this.routes[r]!.length - 1) {
        return penalisedCost(this.inst, join(this.inst, s, this.suffix[r]![a]!), this.p);
      }
      s = join(this.inst, s, this.range(r, a, b, reversed)!);
    }
    return penalisedCost(this.inst, join(this.inst, s, this.nodes[this.inst.n]!), this.p);
  }

  /** Applies the move if route a (and b) rebuilt from these pieces cost less than now. */
  private attempt(a: number, piecesA: Piece[], b: number, piecesB: Piece[] | null): boolean {
    const pa = piecesA.filter(nonEmpty);
    const pb = piecesB ? piecesB.filter(nonEmpty) : null;
    const old = this.routeCost[a]! + (pb ? this.routeCost[b]! : 0);
    if (this.bound(pa) + (pb ? this.bound(pb) : 0) - old > -EPSILON) return false;
    if (this.exact(pa) + (pb ? this.exact(pb) : 0) - old > -EPSILON) return false;
    const stopsOf = (pieces: Piece[]) => pieces.flatMap(([r, x, y, reversed]) => {
      const run = this.routes[r]!.slice(x, y + 1);
      return reversed ? run.reverse() : run;
    });
    const nextA = stopsOf(pa);
    const nextB = pb ? stopsOf(pb) : null;
    this.routes[a] = nextA;
    if (nextB) this.routes[b] = nextB;
    return this.applied(a, nextB ? b : a);
  }

  /** Moves the block of `length` stops at route a's position i to after position j of route b (-1: first). */
  private relocate(a: number, i: number, length: number, reversed: boolean, b: number, j: number): boolean {
    const La = this.routes[a]!.length;
    const moved: Piece = [a, i, i + length - 1, reversed];
    if (a !== b) {
      const Lb = this.routes[b]!.length;
      return this.attempt(a, [[a, 0, i - 1, false], [a, i + length, La - 1, false]], b, [[b, 0, j, false], moved, [b, j + 1, Lb - 1, false]]);
    }
    if (j >= i - 1 && j < i + length) return false;
    const pieces: Piece[] = j < i
      ? [[a, 0, j, false], moved, [a, j + 1, i - 1, false], [a, i + length, La - 1, false]]
      : [[a, 0, i - 1, false], [a, i + length, j, false], moved, [a, j + 1, La - 1, false]];
    return this.attempt(a, pieces, a, null);
  }

  /** Exchanges the block of la stops at route a's position i with the block of lb at route b's position j. */
  private swap(a: number, i: number, la: number, b: number, j: number, lb: number): boolean {
    const La = this.routes[a]!.length;
    if (a !== b) {
      const Lb = this.routes[b]!.length;
      return this.attempt(
        a, [[a, 0, i - 1, false], [b, j, j + lb - 1, false], [a, i + la, La - 1, false]],
        b, [[b, 0, j - 1, false], [a, i, i + la - 1, false], [b, j + lb, Lb - 1, false]],
      );
    }
    // Same route: the blocks must not overlap; p is the earlier one.
    const [p, lp, q, lq] = i < j ? [i, la, j, lb] : [j, lb, i, la];
    if (p + lp > q) return false;
    return this.attempt(a, [[a, 0, p - 1, false], [a, q, q + lq - 1, false], [a, p + lp, q - 1, false], [a, p, p + lp - 1, false], [a, q + lq, La - 1, false]], a, null);
  }

  /** Route a keeps its stops to i and takes b's after j; b keeps its stops to j and takes a's after i. */
  private twoOptStar(a: number, i: number, b: number, j: number): boolean {
    const La = this.routes[a]!.length;
    const Lb = this.routes[b]!.length;
    return this.attempt(a, [[a, 0, i, false], [b, j + 1, Lb - 1, false]], b, [[b, 0, j, false], [a, i + 1, La - 1, false]]);
  }

  /** Reverses the stops strictly after the earlier of i, j up to the later one. */
  private twoOpt(a: number, i: number, j: number): boolean {
    const [p, q] = i < j ? [i, j] : [j, i];
    if (q - p < 2) return false;
    return this.attempt(a, [[a, 0, p, false], [a, p + 1, q, true], [a, q + 1, this.routes[a]!.length - 1, false]], a, null);
  }

  private applied(a: number, b: number): boolean {
    this.moves++;
    this.refresh(a);
    if (b !== a) this.refresh(b);
    return true;
  }
}

/**
 * Each customer's k most related others (Vidal 2013): travel cost plus the waiting (weight 0.2)
 * and time warp (weight 1) that going from one to the other would force, whichever direction
 * is better.
 */
export function relatedNeighbours(inst: FleetInstance, k: number): Int32Array[] {
  const N = inst.n + 1;
  const result: Int32Array[] = [];
  for (let i = 0; i < inst.n; i++) {
    const score: [number, number][] = [];
    for (let j = 0; j < inst.n; j++) {
      if (j === i) continue;
      score.push([Math.min(relatedness(inst, N, i, j), relatedness(inst, N, j, i)), j]);
    }
    score.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    result.push(Int32Array.from(score.slice(0, Math.min(k, score.length)).map(([, j]) => j)));
  }
  return result;
}

function relatedness(inst: FleetInstance, N: number, i: number, j: number): number {
  const arrive = inst.early[i]! + inst.service[i]! + inst.time[i * N + j]!;
  const wait = Math.max(inst.early[j]! - arrive, 0);
  const warp = Math.max(arrive - inst.late[j]!, 0);
  return inst.cost[i * N + j]! + 0.2 * (Number.isFinite(wait) ? wait : 0) + (Number.isFinite(warp) ? warp : 0);
}
